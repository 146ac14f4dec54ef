import { randomUUID } from 'node:crypto';
import { commentFlagsProblem } from '../../shared/domain/states';
import { AppError } from '../../shared/errors';
import type { Comment } from '../../shared/model';
import type { Repos } from '../db/repos';
import type { ChangeBus } from './changes';
import type { Clock } from './ports-service';

export interface AddCommentInput {
  portId: string;
  body: string;
  isPrivate?: boolean | undefined;
  actionRequired?: boolean | undefined;
}

const LOCAL_ACTOR = 'you';

/** Comments on a port: the row, a timeline entry and the outbox row in one transaction. */
export class CommentsService {
  constructor(
    private readonly repos: Repos,
    private readonly changes: ChangeBus,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  add(input: AddCommentInput): Comment {
    const port = this.repos.ports.get(input.portId);
    if (!port) throw new AppError('NOT_FOUND', `No port request with id ${input.portId}`, { id: input.portId });
    const body = input.body.trim();
    if (!body) throw new AppError('VALIDATION', 'The comment is empty', { field: 'body' });
    const problem = commentFlagsProblem(port.remoteAuthority, { isPrivate: input.isPrivate ?? false, actionRequired: input.actionRequired ?? false });
    if (problem) throw new AppError(port.remoteAuthority === false ? 'FORBIDDEN' : 'VALIDATION', problem, { field: 'flags' });
    const now = this.clock.now();
    const comment: Comment = { id: randomUUID(), portId: port.id, body, author: LOCAL_ACTOR, isPrivate: input.isPrivate ?? false, actionRequired: input.actionRequired ?? false, createdAt: now };
    const { comments, events, outbox, ports, db } = this.repos;
    db.transaction(() => {
      comments.insert(comment);
      events.add({ portId: port.id, at: now, kind: 'comment', fromState: null, toState: null, message: `Commented: ${body.length > 80 ? `${body.slice(0, 79)}…` : body}`, actor: LOCAL_ACTOR });
      outbox.append({
        portId: port.id,
        entity: 'comment',
        entityId: comment.id,
        op: 'comment.add',
        payload: { commentId: comment.id, body, isPrivate: comment.isPrivate, actionRequired: comment.actionRequired },
        baseRevision: port.remoteRevision,
        now,
      });
      ports.markPending(port.id);
    })();
    this.changes.emit({ type: 'ports', ids: [port.id], removed: [] });
    return comment;
  }
}
