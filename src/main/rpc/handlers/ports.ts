import type { PortsService } from '../../services/ports-service';
import type { Handlers } from '../router';

type PortHandlers = Pick<Handlers, 'ports.list' | 'ports.summaries' | 'ports.get' | 'ports.create' | 'ports.assignRemote' | 'ports.bulkAssignRemote' | 'ports.setKeptLocal' | 'ports.update' | 'ports.bulkUpdate' | 'ports.undoMoves' | 'ports.move' | 'ports.delete' | 'numbers.add' | 'numbers.remove' | 'numbers.lookup' | 'numbers.search'>;

export function portHandlers(ports: PortsService): PortHandlers {
  return {
    'ports.list': (input) => ports.list(input),
    'ports.summaries': ({ ids }) => ports.summaries(ids),
    'ports.get': ({ id }) => ports.get(id),
    'ports.create': (input) => ports.create(input),
    'ports.assignRemote': ({ id, remoteId, remoteAccountId }) => ports.assignRemote(id, remoteId, remoteAccountId),
    'ports.bulkAssignRemote': ({ ids, remoteId }) => ports.bulkAssignRemote(ids, remoteId),
    'ports.setKeptLocal': ({ id, keptLocal }) => ports.setKeptLocal(id, keptLocal),
    'ports.update': ({ id, patch }) => ports.update(id, patch),
    'ports.bulkUpdate': ({ edits }) => ports.bulkUpdate(edits),
    'ports.undoMoves': ({ moves }) => ports.undoMoves(moves),
    'ports.move': ({ id, ...move }) => ports.move(id, move),
    'ports.delete': ({ id }) => ({ deleted: id, ...ports.delete(id) }),
    'numbers.add': ({ portId, numbers, country }) => ports.addNumbers(portId, numbers, country),
    'numbers.remove': ({ portId, numbers }) => ports.removeNumbers(portId, numbers),
    'numbers.lookup': ({ number, country }) => ports.findByNumber(number, country),
    'numbers.search': ({ digits, limit }) => {
      const matches = ports.searchNumbers(digits, limit);
      return { portIds: matches.map((m) => m.portId), matches };
    },
  };
}
