import { AppError } from '../../shared/errors';
import type { PortSummary } from '../../shared/model';
import { compileFilter, numberQuery, toPortFilter } from '../../shared/domain/portFilter';
import { sortPorts, type ViewDefinition } from '../../shared/domain/views';
import type { Repos } from '../db/repos';
import { exportTable } from '../export/portTable';
import { toCsv, toXlsx } from '../export/writers';
import type { Clock } from './ports-service';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  format: ExportFormat;
  /** One row per number instead of one per port. */
  perNumber: boolean;
  /** The ports, in order (what the window shows), or a view to work them out from (the CLI). */
  source: { ids: readonly string[] } | { view: ViewDefinition };
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  ports: number;
  rows: number;
}

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Export ports to CSV or XLSX in the shape the import reads back without remapping. */
export class ExportService {
  constructor(
    private readonly repos: Repos,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  async export(request: ExportRequest): Promise<ExportFile> {
    const ports = this.select(request.source);
    const numbers = this.repos.numbers.allByPort();
    const table = exportTable(ports, (id) => numbers.get(id) ?? [], { perNumber: request.perNumber, now: this.clock.now() });
    const bytes = request.format === 'csv' ? Buffer.from(toCsv(table), 'utf8') : await toXlsx(table);
    return { fileName: this.fileName(request.format), contentType: TYPES[request.format], bytes, ports: ports.length, rows: table.rows.length };
  }

  /** The name an export made now gets (dated, so a day's exports sort together). */
  fileName(format: ExportFormat): string {
    return `portdesk-ports-${new Date(this.clock.now()).toISOString().slice(0, 10)}.${format}`;
  }

  /** The ports of an export: the ids given, in order, or a view's ports in its order. */
  select(source: ExportRequest['source']): PortSummary[] {
    const all = this.repos.ports.list();
    if ('ids' in source) {
      const byId = new Map(all.map((p) => [p.id, p]));
      const missing = source.ids.find((id) => !byId.has(id));
      if (missing) throw new AppError('NOT_FOUND', `No port request with id ${missing}`, { id: missing });
      return source.ids.map((id) => byId.get(id) as PortSummary);
    }
    const { filter, sort } = source.view;
    const digits = numberQuery(filter.query);
    const numberPortIds = digits ? new Set(this.repos.numbers.portsWithDigits(digits, 10_000)) : undefined;
    const match = compileFilter({ ...toPortFilter(filter), numberPortIds }, new Date(this.clock.now()));
    return sortPorts(all.filter(match), sort);
  }
}
