// The package entry: components for stacks, the pure model, renderers and checks for tools and tests.
export { VpnHub, VpnHubArgs, VswitchSpec, TunnelMode, checkHubArgs } from "./components/vpnHub";
export { SiteToSiteLink, SiteToSiteLinkArgs, HealthCheckArgs, LinkArgs, LinkCheckArgs, HubShape, checkSiteToSiteLink } from "./components/siteToSiteLink";
export { HubAndSpoke, HubAndSpokeArgs, HubSiteArgs, checkHubAndSpoke } from "./components/hubAndSpoke";
export { OpenVpnMesh, OpenVpnMeshArgs, ClientBundle, IngressRuleSpec, checkOpenVpnMesh } from "./components/openVpnMesh";
export * from "./model";
export * from "./model/openvpn";
export { RENDERERS, renderPeerConfig, peerObjection, PeerRenderer, UnsupportedByPeerError } from "./renderers";
export { CHECK_CODES, CheckOptions, checkElements, checkNetwork, checkTopology, checkTopologyOrThrow } from "./checks";
export {
    formatStaticKey,
    renderServerConfig,
    renderCcd,
    renderClientConfig,
    renderClientSetup,
    renderUserData,
    renderReconfigureScript,
    configDigest,
    serverPaths,
    ClientMaterial,
    ServerMaterial,
    ServerKeySource,
    DATA_CIPHERS,
} from "./renderers/openvpn";
