import type { CommentsService } from '../../services/comments-service';
import type { Handlers } from '../router';

export function commentHandlers(comments: CommentsService): Pick<Handlers, 'comments.add'> {
  return {
    'comments.add': (input) => comments.add(input),
  };
}
