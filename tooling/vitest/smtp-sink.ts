import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string; to: string[]; raw: string /** ISO time it arrived. */; receivedAt: string };

/**
 * A real SMTP server on a free loopback port that keeps every message it receives, so tests read
 * the email exactly as a mail server would have it.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          receivedAt: new Date().toISOString(),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves with the first message to `to` (waits up to `timeoutMs`). */
    async waitFor(to: string, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((message) => message.to.includes(to));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no email to ${to} within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable soft line breaks and escapes so links in the body can be matched. */
export function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * Serves the sink's inbox as JSON at `GET <url>/messages` on a free loopback port, for tests that run
 * in another process than the sink (vitest's `inject` only carries plain data, not the sink itself).
 */
export async function serveInbox(sink: SmtpSink) {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/messages") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(sink.received));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until the inbox served at `inboxUrl` holds a message `matches` accepts, and returns it. */
export async function waitForInboxMail(
  inboxUrl: string,
  matches: (mail: ReceivedMail) => boolean,
  timeoutMs = 30_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${inboxUrl}/messages`);
    const mail = ((await response.json()) as ReceivedMail[]).find(matches);
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no matching email reached the SMTP sink within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export type MimePart = {
  /** Header fields, names lower-cased, folded lines unfolded. */
  headers: Record<string, string>;
  contentType: string;
  /** The attachment's file name, if it is one. */
  filename: string | null;
  /** The body, transfer-decoded (base64, quoted-printable) as UTF-8. */
  text: string;
};

function headerBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = encoding?.toLowerCase();
  if (kind === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (kind === "quoted-printable") {
    const bytes: number[] = [];
    const soft = body.replace(/=\r?\n/g, "");
    for (let index = 0; index < soft.length; index++) {
      const hex = soft.slice(index + 1, index + 3);
      if (soft[index] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(Number.parseInt(hex, 16));
        index += 2;
      } else bytes.push(...Buffer.from(soft[index] ?? "", "utf8"));
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) as the text they stand for. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeBody(text.replace(/_/g, " "), "quoted-printable"),
    );
}

/** The header fields of a raw message (the top-level ones), encoded words decoded. */
export function mailHeaders(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const headers = headerBlock(end < 0 ? raw : raw.slice(0, end));
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, decodeEncodedWords(value)]));
}

/** Every leaf part of a raw MIME message (nested multiparts walked), decoded, as a mail client reads it. */
export function mimeParts(raw: string): MimePart[] {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headerBlock(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? "" : raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const contentType = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const segments = body.split(`--${boundary}`).slice(1);
    return segments
      .filter((segment) => !segment.startsWith("--"))
      .flatMap((segment) => mimeParts(segment.replace(/^\r?\n/, "").replace(/\r?\n$/, "")));
  }
  const disposition = headers["content-disposition"] ?? "";
  const filename =
    /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? /name="?([^";]+)"?/i.exec(contentType)?.[1] ?? null;
  return [{ headers, contentType, filename, text: decodeBody(body, headers["content-transfer-encoding"]) }];
}
