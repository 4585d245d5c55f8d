// The planned topology of a whole stack, in plain values known before any resource exists: every site, every
// IPsec connection, every route and OpenVPN pool, and the address ranges hosts use behind the network's back
// (Docker bridges, Kubernetes pods and services). Stacks build one and hand it to checks/ before declaring
// the first resource. Every value carries the config field it came from, so a finding can name it.
import { RoutingMode } from "./link";
import { IpsecProfileInput } from "./profile";

/** One CIDR block and where the user wrote it, e.g. "alicloud-vpn:hypermotion.office.openstack.controlNetwork". */
export interface Block {
    cidr: string;
    field: string;
}

/** A list of blocks and the config key the list lives under (where a fix adds a block). */
export interface BlockList {
    field: string;
    blocks: Block[];
}

export interface VswitchPlan extends Block {
    name: string;
    /** Where the name was written (default: `field` with its last key replaced by "name"). */
    nameField?: string;
    /** The vSwitch's zone and where it was written; when set, checks/ verifies it belongs to the site's region. */
    zoneId?: string;
    zoneField?: string;
    /** "gateway": hosts only the VPN gateway (no traffic starts there). Default "workload". */
    role?: "workload" | "gateway";
}

export interface VpnGatewayPlan {
    /** Public bandwidth, Mbit/s, checked only by the element pass. */
    bandwidth?: number;
    bandwidthField?: string;
    /**
     * Where the gateway sits, when the stack knows it: checks/ then refuses a single-tunnel gateway in a region that
     * sells only dual-tunnel ones, and a gateway vSwitch in a zone without VPN gateways (checkGatewayPlacement).
     * `vswitch` and `disasterRecoveryVswitch` name vSwitches of the site that carry a zoneId.
     */
    tunnelMode?: "dual" | "single";
    tunnelModeField?: string;
    vswitch?: string;
    disasterRecoveryVswitch?: string;
}

/** An Alibaba Cloud VPC. */
export interface AlibabaSite {
    kind: "alibaba";
    name: string;
    region: string;
    vpc: Block;
    vswitches: VswitchPlan[];
    /** Present when the VPC has a VPN gateway. */
    gateway?: VpnGatewayPlan;
}

/** Anything that is not an Alibaba VPC: an office or data centre, another cloud's VPC, an OpenVPN client site. */
export interface ExternalSite {
    kind: "external";
    name: string;
    /** The LANs behind it. */
    networks: Block[];
}

export type Site = AlibabaSite | ExternalSite;

/** One IPsec connection on the VPN gateway of Alibaba site `site`, toward `peer` (an external or Alibaba site). */
export interface IpsecConnectionPlan {
    name: string;
    site: string;
    peer: string;
    /** The connection's localSubnets (Alibaba side) and remoteSubnets (peer side). */
    localSubnets: BlockList;
    remoteSubnets: BlockList;
    /** Default "policy": the subnets are the traffic selectors. "destination": 0.0.0.0/0 both ways, routes decide. */
    routingMode?: RoutingMode;
    /** Config prefix of the link, e.g. "alicloud-vpn:hypermotion.office": the element pass names "<path>.profile.ike.version". */
    path: string;
    profile?: IpsecProfileInput;
    /** Plain-text pre-shared key, when the user gave one. */
    psk?: string;
    /** The peer's public IP, when known before deployment (not for a peer that is another Alibaba gateway). */
    peerPublicIp?: string;
}

export type VpcRouteNextHop =
    /** The site's VPN gateway. */
    | { kind: "vpnGateway" }
    /** An ECS instance (an OpenVPN server), by the `instance` name of a TunnelPool. */
    | { kind: "instance"; instance: string };

/** A route entry in the VPC route table of Alibaba site `site`. */
export interface VpcRoutePlan {
    site: string;
    destination: string;
    field: string;
    nextHop: VpcRouteNextHop;
    /** Blocks whose traffic takes this route. Default: the site's workload vSwitches (the VPC block if none). */
    sources?: Block[];
}

/** A static route on the VPN gateway of `site`: destination -> connection. */
export interface GatewayRoutePlan {
    site: string;
    destination: string;
    field: string;
    connection: string;
}

/** An OpenVPN server on an ECS instance of Alibaba site `site`, its tunnel pool and its clients' LANs (iroutes). */
export interface TunnelPoolPlan {
    name: string;
    site: string;
    /** Name VPC routes use as next hop. */
    instance: string;
    pool: Block;
    clients: Array<{ name: string; site: string; networks: Block[] }>;
}

/** Address ranges hosts route locally, whatever the VPC route tables say. */
export type WellKnownKind = "docker-bridge" | "kubernetes-pods" | "kubernetes-services";

export interface WellKnownRange {
    kind: WellKnownKind;
    /** Who uses it, for messages: "ACK cluster hypermotion", "docker network ci". */
    owner: string;
    /** The site whose hosts use it; unset means hosts anywhere (Docker's default bridge). */
    site?: string;
    cidr: string;
    /** Where the user declared it; unset for built-in defaults. */
    field?: string;
}

/** Spokes that reach each other through the hub's VPN gateway (seed 002: Tokyo hub, Shanghai and Beijing spokes). */
export interface TransitPlan {
    hub: string;
    spokes: string[];
    field: string;
    /** Blocks the user declared as reached through the hub (summary routes may cover their unused parts). */
    summary?: string[];
}

export interface Topology {
    /** The stack or scenario, for messages. */
    name: string;
    sites: Site[];
    connections: IpsecConnectionPlan[];
    vpcRoutes: VpcRoutePlan[];
    gatewayRoutes: GatewayRoutePlan[];
    tunnelPools: TunnelPoolPlan[];
    wellKnownRanges: WellKnownRange[];
    transits?: TransitPlan[];
    /** Docker's default bridge 172.17.0.0/16 is assumed on hosts everywhere; false when no host runs Docker. */
    dockerDefaultBridge?: boolean;
}

/** Docker's default bridge (docker0) when daemon.json sets no "bip". */
export const DOCKER_DEFAULT_BRIDGE = "172.17.0.0/16";

/** `cidrs` as blocks written at `${field}[i]`. */
export function blockList(field: string, cidrs: readonly string[]): BlockList {
    return { field, blocks: cidrs.map((cidr, i) => ({ cidr, field: `${field}[${i}]` })) };
}

/** The address blocks a site owns: an Alibaba VPC's block, an external site's LANs. */
export function siteBlocks(site: Site): Block[] {
    return site.kind === "alibaba" ? [site.vpc] : site.networks;
}

/** Blocks whose traffic enters the VPC route table: workload vSwitches, or the VPC block when none is listed. */
export function workloadBlocks(site: AlibabaSite): Block[] {
    const workloads = site.vswitches.filter((v) => (v.role ?? "workload") === "workload");
    return workloads.length > 0 ? workloads : [site.vpc];
}

/** Every range that is well known in this topology: the declared ones and Docker's default bridge. */
export function allWellKnownRanges(topology: Topology): WellKnownRange[] {
    const builtIn: WellKnownRange[] =
        topology.dockerDefaultBridge === false ? [] : [{ kind: "docker-bridge", owner: "Docker's default bridge (docker0)", cidr: DOCKER_DEFAULT_BRIDGE }];
    return [...builtIn, ...topology.wellKnownRanges];
}

/** A topology with nothing in it, to build on. */
export function emptyTopology(name: string): Topology {
    return { name, sites: [], connections: [], vpcRoutes: [], gatewayRoutes: [], tunnelPools: [], wellKnownRanges: [] };
}
