export { ZBrowserFeatureUse as ZFeatureUseBody } from "@pp/core/usage/record-feature-use";
