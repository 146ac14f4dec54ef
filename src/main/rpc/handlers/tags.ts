import type { TagsService } from '../../services/tags-service';
import type { Handlers } from '../router';

export function tagHandlers(tags: TagsService): Pick<Handlers, 'tags.set' | 'tags.list'> {
  return {
    'tags.set': (input) => tags.set(input),
    'tags.list': () => tags.list(),
  };
}
