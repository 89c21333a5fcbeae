export { ZBeginSsoLogin as ZBeginSsoBody } from "@pp/core/federation/sso/begin-sso-login";
