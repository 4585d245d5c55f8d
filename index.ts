// The package entry: components for stacks, the pure model, renderers and checks for tools and tests.
export { VpnHub, VpnHubArgs, VswitchSpec, TunnelMode, checkHubArgs } from "./components/vpnHub";
export { SiteToSiteLink, SiteToSiteLinkArgs, HealthCheckArgs, LinkArgs, LinkCheckArgs, HubShape, checkSiteToSiteLink } from "./components/siteToSiteLink";
export { HubAndSpoke, HubAndSpokeArgs, HubSiteArgs, checkHubAndSpoke } from "./components/hubAndSpoke";
export * from "./model";
export { RENDERERS, renderPeerConfig, peerObjection, PeerRenderer, UnsupportedByPeerError } from "./renderers";
export { CHECK_CODES, CheckOptions, checkElements, checkNetwork, checkTopology, checkTopologyOrThrow } from "./checks";
