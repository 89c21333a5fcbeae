import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedFetch } from "./guarded-fetch";
import { guardedLookup, isAllowedAddress, OutboundUnreachableError } from "./outbound-guard";

let server: Server;
let origin: string;
let hits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? "");
    if (request.url === "/to-metadata") {
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    } else if (request.url === "/to-private") {
      response.writeHead(307, { location: "http://10.1.2.3/admin" }).end();
    } else if (request.url === "/to-self") {
      response.writeHead(301, { location: "/ok" }).end();
    } else {
      response.writeHead(200, { "content-type": "text/plain" }).end("hello");
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("isAllowedAddress", () => {
  it("allows public addresses and refuses loopback, private, link-local and mapped forms", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) {
      expect(isAllowedAddress(address, { allowLoopback: false }), address).toBe(true);
    }
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:a9fe:a9fe",
      "not-an-ip",
    ]) {
      expect(isAllowedAddress(address, { allowLoopback: false }), address).toBe(false);
    }
  });

  it("with the development flag allows loopback, and still nothing private", () => {
    expect(isAllowedAddress("127.0.0.1", { allowLoopback: true })).toBe(true);
    expect(isAllowedAddress("::1", { allowLoopback: true })).toBe(true);
    expect(isAllowedAddress("10.0.0.1", { allowLoopback: true })).toBe(false);
    expect(isAllowedAddress("169.254.169.254", { allowLoopback: true })).toBe(false);
  });
});

describe("guardedFetch", () => {
  it("refuses loopback without the flag, before sending anything, with the neutral error", async () => {
    hits = [];
    const refused = await guardedFetch(`${origin}/ok`, {}, { allowLoopback: false }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OutboundUnreachableError);
    expect((refused as Error).message).toBe("could not be reached");
    expect(hits).toEqual([]);
  });

  it("refuses a host name that resolves to loopback (checked after DNS resolution)", async () => {
    const lookup = guardedLookup({ allowLoopback: false });
    const error = await new Promise((resolve) => lookup("localhost", { all: true }, (failure) => resolve(failure)));
    expect(error).toBeInstanceOf(OutboundUnreachableError);
    const allowed = await new Promise((resolve) =>
      guardedLookup({ allowLoopback: true })("localhost", {}, (failure, address) => resolve(failure ?? address)),
    );
    expect(["127.0.0.1", "::1"]).toContain(allowed);
  });

  it("follows a redirect to an allowed target and refuses one to link-local or private addresses", async () => {
    const fine = await guardedFetch(`${origin}/to-self`, {}, { allowLoopback: true });
    expect(fine.status).toBe(200);
    expect(await fine.text()).toBe("hello");
    for (const path of ["/to-metadata", "/to-private"]) {
      const refused = await guardedFetch(`${origin}${path}`, {}, { allowLoopback: true }).catch((error) => error);
      expect(refused, path).toBeInstanceOf(OutboundUnreachableError);
    }
    // With redirect: "manual" the caller sees the redirect and nothing is followed.
    const manual = await guardedFetch(`${origin}/to-metadata`, { redirect: "manual" }, { allowLoopback: true });
    expect(manual.status).toBe(302);
  });

  it("says the same for a closed port as for a refused address", async () => {
    const closed = await guardedFetch("http://127.0.0.1:1/", {}, { allowLoopback: true }).catch((error) => error);
    const refused = await guardedFetch("http://10.0.0.1/", {}, { allowLoopback: true }).catch((error) => error);
    expect(closed).toBeInstanceOf(OutboundUnreachableError);
    expect(refused).toBeInstanceOf(OutboundUnreachableError);
    expect((closed as Error).message).toBe((refused as Error).message);
  });

  it("refuses schemes other than http(s)", async () => {
    const refused = await guardedFetch("file:///etc/passwd", {}, { allowLoopback: true }).catch((error) => error);
    expect(refused).toBeInstanceOf(OutboundUnreachableError);
  });
});
