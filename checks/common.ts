// Small lookups shared by the checks. Every check skips blocks that are not CIDR blocks: the element and
// component checks (or topology.bad-cidr) report those, and the arithmetic here would throw on them.
import { cidrSyntaxError, overlaps } from "../model/cidr";
import { AlibabaSite, Block, BlockList, IpsecConnectionPlan, Site, Topology } from "../model/topology";

export function isCidr(text: unknown): text is string {
    return typeof text === "string" && cidrSyntaxError(text) === undefined;
}

export function validBlocks(blocks: readonly Block[]): Block[] {
    return blocks.filter((b) => isCidr(b.cidr));
}

export function cidrsOf(list: BlockList): string[] {
    return list.blocks.map((b) => b.cidr).filter(isCidr);
}

export function findSite(topology: Topology, name: string): Site | undefined {
    return topology.sites.find((s) => s.name === name);
}

export function findAlibabaSite(topology: Topology, name: string): AlibabaSite | undefined {
    const site = findSite(topology, name);
    return site?.kind === "alibaba" ? site : undefined;
}

export function isPolicy(connection: IpsecConnectionPlan): boolean {
    return (connection.routingMode ?? "policy") === "policy";
}

export function connectionsOn(topology: Topology, site: string): IpsecConnectionPlan[] {
    return topology.connections.filter((c) => c.site === site);
}

/** Destinations of the VPC routes of `site` toward its VPN gateway. */
export function gatewayRouteDestinationsInVpc(topology: Topology, site: string): string[] {
    return topology.vpcRoutes.filter((r) => r.site === site && r.nextHop.kind === "vpnGateway" && isCidr(r.destination)).map((r) => r.destination);
}

/** Destinations of the VPN gateway routes of `site` that point at `connection`. */
export function gatewayRoutesTo(topology: Topology, site: string, connection: string): string[] {
    return topology.gatewayRoutes
        .filter((r) => r.site === site && r.connection === connection && isCidr(r.destination))
        .map((r) => r.destination);
}

export function anyOverlap(a: readonly string[], b: readonly string[]): boolean {
    return a.some((x) => b.some((y) => overlaps(x, y)));
}

export function list(cidrs: readonly string[]): string {
    return cidrs.length > 0 ? cidrs.join(", ") : "none";
}
