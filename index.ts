// The package entry. Components (the documented path is VpnSite: a gateway with all of its links, checked as a
// whole before anything is created), the pure planners, model, checks and renderers for tools and tests.
export { VpnSite, VpnSiteArgs, VpnSiteLinkArgs, KubernetesClusterSpec, planSite } from "./components/vpnSite";
export { VpnHub, VpnHubArgs, VswitchSpec, TunnelMode, PaymentType, checkHubArgs } from "./components/vpnHub";
export { SiteToSiteLink, SiteToSiteLinkArgs, LinkArgs, GatewayRef, HealthCheckArgs, checkSiteToSiteLink } from "./components/siteToSiteLink";
export { HubAndSpoke, HubAndSpokeArgs, HubAndSpokeOptions, HubAndSpokeSite, HubAndSpokeDetails, HubSiteArgs, checkHubAndSpoke } from "./components/hubAndSpoke";
export { CloudLink, CloudLinkArgs, CloudLinkAlibabaArgs, CloudLinkAwsArgs, planCloudLink } from "./components/cloudLink";
export { OpenVpnMesh, OpenVpnMeshArgs, ClientBundle, IngressRuleSpec, checkOpenVpnMesh } from "./components/openVpnMesh";
export * from "./model";
export * from "./model/openvpn";
export { HubPlan, HubSpec, planHub } from "./model/hub";
export { AWS, AZURE, GCP, PEER_CLOUDS, PeerCloudAccepts, checkCloudIntersection, cloudDefaultProfile, commonValues, commonLifetime } from "./model/clouds/intersection";
export { AwsCloudLinkPlan, AwsCloudLinkSpec, AwsEndSpec, TunnelWiring, awsTunnelOptions, awsWiring, checkAwsEnd, planAwsCloudLink } from "./model/clouds/awsLink";
export { LinkPlan, LinkPlanInput, SitePlan, SitePlanInput, checkLink, planLink, planVpnSite } from "./model/site";
export { LinkTranslationSpec, PeerTranslation, TranslationPlan, planTranslation, pickTranslationBlocks } from "./model/translation";
export { RENDERERS, renderPeerConfig, peerObjection, PeerRenderer, UnsupportedByPeerError } from "./renderers";
export { renderBgpFor, renderFrr, renderVendorBgp } from "./renderers/bgp";
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
