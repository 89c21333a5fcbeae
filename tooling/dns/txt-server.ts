import { createSocket } from "node:dgram";
import { once } from "node:events";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";

export type TxtServer = {
  /** "127.0.0.1:<port>", for `SSO_DNS_SERVER` or a Resolver's setServers. */
  address: string;
  /** Replaces the TXT records served for a name (lower-case, no trailing dot). */
  setTxt: (name: string, values: string[]) => void;
  stop: () => Promise<void>;
};

const TYPE_TXT = 16;

/**
 * A tiny authoritative DNS server on loopback UDP for tests: answers TXT questions from a table
 * (NXDOMAIN for names it does not know, an empty answer for other types). It stands in for a
 * customer's DNS zone; the code under test talks to it through node:dns like to any resolver.
 */
export async function startTxtServer(): Promise<TxtServer> {
  const records = new Map<string, string[]>();
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    const answer = respond(query, records);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  socket.bind(0, "127.0.0.1");
  await once(socket, "listening");
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    setTxt: (name, values) => records.set(name.toLowerCase(), values),
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function respond(query: Buffer, records: Map<string, string[]>): Buffer | null {
  if (query.length < 12) return null;
  const labels: string[] = [];
  let offset = 12;
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset] ?? 0;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii"));
    offset += length + 1;
  }
  const questionEnd = offset + 5; // zero byte + QTYPE + QCLASS
  if (questionEnd > query.length) return null;
  const type = query.readUInt16BE(offset + 1);
  const name = labels.join(".").toLowerCase();
  const values = records.get(name);
  const answers = type === TYPE_TXT && values ? values : [];

  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  // QR=1, opcode 0, AA=1, RD copied; RA=1; RCODE 3 (NXDOMAIN) for an unknown name.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | 0x0080 | (values ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const question = query.subarray(12, questionEnd);
  const answerRecords = answers.map((value) => {
    const text = Buffer.from(value, "utf8");
    const chunks: Buffer[] = [];
    for (let start = 0; start < text.length || start === 0; start += 255) {
      const part = text.subarray(start, start + 255);
      chunks.push(Buffer.from([part.length]), part);
      if (text.length === 0) break;
    }
    const data = Buffer.concat(chunks);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // pointer to the question's name
    fixed.writeUInt16BE(TYPE_TXT, 2);
    fixed.writeUInt16BE(1, 4); // IN
    fixed.writeUInt32BE(60, 6); // TTL
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, question, ...answerRecords]);
}

/**
 * Lets another process publish records: `PUT <url>/txt/<name>` with a JSON array of strings. The
 * browser tests run in workers apart from the global setup that owns the DNS server.
 */
export async function serveTxtControl(server: TxtServer) {
  const http = createHttpServer((request, response) => {
    const name = request.url?.match(/^\/txt\/([^/?]+)$/)?.[1];
    if (request.method !== "PUT" || !name) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const values: unknown = JSON.parse(Buffer.concat(chunks).toString() || "[]");
      server.setTxt(decodeURIComponent(name), Array.isArray(values) ? values.map(String) : []);
      response.writeHead(204).end();
    });
  });
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
