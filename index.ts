// The package entry: components for stacks, the pure model, renderers and checks for tools and tests.
export { VpnHub, VpnHubArgs, VswitchSpec, TunnelMode, checkHubArgs } from "./components/vpnHub";
export { SiteToSiteLink, SiteToSiteLinkArgs, HealthCheckArgs, LinkArgs, HubShape, checkSiteToSiteLink } from "./components/siteToSiteLink";
export { OpenVpnMesh, OpenVpnMeshArgs, ClientBundle, IngressRuleSpec, checkOpenVpnMesh } from "./components/openVpnMesh";
export * from "./model";
export * from "./model/openvpn";
export { RENDERERS, renderPeerConfig, peerObjection, PeerRenderer, UnsupportedByPeerError } from "./renderers";
export {
    formatStaticKey,
    renderServerConfig,
    renderCcd,
    renderClientConfig,
    renderClientSetup,
    renderUserData,
    serverPaths,
    ClientMaterial,
    ServerMaterial,
    ServerKeySource,
    DATA_CIPHERS,
} from "./renderers/openvpn";
