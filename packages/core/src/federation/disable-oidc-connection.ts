import { db, type Executor } from "@pp/db";
import {
  type OidcConnectionStatusChange,
  type SetOidcConnectionStatusOptions,
  setStatus,
} from "./set-oidc-connection-status";

/** Turns SSO off for a connection; its users sign in with a password or another connection. */
export async function disableOidcConnection(
  options: SetOidcConnectionStatusOptions,
  executor: Executor = db,
): Promise<OidcConnectionStatusChange> {
  return setStatus(options, "disabled", executor);
}
