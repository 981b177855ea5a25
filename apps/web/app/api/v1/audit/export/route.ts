import { auditExportQuery } from '@colo/api';
import { exportAuditEvents } from '@colo/control';
import { readQuery, route } from '../../../../../lib/http';

export const dynamic = 'force-dynamic';

/** The filtered audit events as a CSV or JSON attachment, streamed from Postgres a page at a time. */
export const GET = route(async ({ req, user }) => {
  const { format, ...filters } = readQuery(req, auditExportQuery, 'format is csv or json; since/until are dates or spans (24h)');
  const file = await exportAuditEvents(user, filters, format);
  const encoder = new TextEncoder();
  const iterator = file.body;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return new Response(body, {
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  });
});
