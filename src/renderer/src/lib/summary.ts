import type { PortDetail, PortSummary } from '../../../shared/model';

/** The board keeps summaries only: drop a detail's lists so cards compare cheaply and memory stays flat. */
export function toSummary(detail: PortDetail): PortSummary {
  const { numbers: _numbers, attachments: _attachments, comments: _comments, timeline: _timeline, remoteRevision: _rev, ...summary } = detail;
  return summary;
}
