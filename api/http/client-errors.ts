import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemBody } from './problem.js';

function answer(error: NodeJS.ErrnoException): {
  status: number;
  reason: string;
  code: string;
  title: string;
} {
  if (error.code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      code: 'headers_too_large',
      title: 'the request line or headers are too large',
    };
  return {
    status: 400,
    reason: 'Bad Request',
    code: 'bad_request',
    title: 'the request is not valid HTTP/1.1',
  };
}

/**
 * Requests Node's HTTP parser refuses before the app sees them (an unknown method, a URL or headers over
 * the limit) get problem+json too, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, reason, code, title } = answer(error);
    const body = JSON.stringify(problemBody(status, code, title, error.code));
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/problem+json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
}
