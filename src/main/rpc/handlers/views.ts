import type { ExportService } from '../../services/export-service';
import type { ViewsService } from '../../services/views-service';
import type { Handlers } from '../router';

type ViewHandlers = Pick<Handlers, 'views.list' | 'views.save' | 'views.delete' | 'views.ports' | 'settings.ageing' | 'settings.setAgeing' | 'ports.export'>;

export function viewHandlers(views: ViewsService, exports: ExportService): ViewHandlers {
  return {
    'views.list': () => views.list(),
    'views.save': ({ name, definition }) => views.save(name, definition),
    'views.delete': ({ name }) => {
      views.delete(name);
      return { deleted: name };
    },
    'views.ports': ({ name }) => exports.select({ view: views.get(name).definition }),
    'settings.ageing': () => views.ageing(),
    'settings.setAgeing': ({ thresholds }) => views.setAgeing(thresholds),
    'ports.export': async ({ ids, view, format, perNumber }) => {
      const file = await exports.export({ format, perNumber, source: ids ? { ids } : { view: views.get(view ?? '').definition } });
      return { fileName: file.fileName, contentType: file.contentType, base64: file.bytes.toString('base64'), ports: file.ports, rows: file.rows };
    },
  };
}
