// The AWS JSON protocol's envelope, shared by the stand-ins: every call is a POST naming its operation in
// X-Amz-Target, and every answer is JSON with the request id, and the error type on a failure.
// https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The X-Amz-Target header and the body, as text. */
export async function readCall(req: IncomingMessage): Promise<{ target: string; text: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { target: String(req.headers['x-amz-target'] ?? ''), text: Buffer.concat(chunks).toString('utf8') };
}

export function sendJson(
  res: ServerResponse,
  version: '1.0' | '1.1',
  status: number,
  body: unknown,
  errorType?: string,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': `application/x-amz-json-${version}`,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    // The SDK reads the error code from `__type` first; the header is what AWS sends as well.
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}
