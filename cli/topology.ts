// The planned network as a picture: sites (VPC + VPN gateway), peers, tunnels and CIDRs, drawn from the
// resources the emulator recorded, so it shows what would be created, for any scenario. Graphviz lays it
// out: @viz-js/viz is Graphviz compiled to WebAssembly, so no system package is needed to draw it.
import { RecordedResource, TYPES } from "../emulator";
import { awsPeerFor } from "./topologyAws";
import { azurePeerFor } from "./topologyAzure";
import { gcpPeerFor } from "./topologyGcp";

/** Each other cloud's node finder: the first that owns a connection's peer addresses draws its end. */
const PEER_CLOUD_NODES = [awsPeerFor, azurePeerFor, gcpPeerFor];

/** Routes listed in full on a site's node; above this only their number, so 50-spoke pictures stay readable. */
const MAX_LISTED_ROUTES = 4;
/** Above this many tunnels the crypto and CIDRs move from edge labels to tooltips (hover in a browser). */
const MAX_LABELLED_EDGES = 6;

function quote(text: string): string {
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function listed(blocks: string[]): string {
    return blocks.length <= MAX_LISTED_ROUTES ? blocks.join(", ") : `${blocks.length} destinations`;
}

interface Tunnel {
    ike: Record<string, any>;
    ipsec: Record<string, any>;
    customerGatewayId: string;
}

/** The tunnels of a connection with Alibaba's defaults filled in (the emulator's outputs, as the API returns them). */
function tunnelsOf(connection: RecordedResource): Tunnel[] {
    const values = { ...connection.inputs, ...connection.outputs };
    if (Array.isArray(values.tunnelOptionsSpecifications)) {
        return values.tunnelOptionsSpecifications.map((t: any) => ({ ike: t.tunnelIkeConfig ?? {}, ipsec: t.tunnelIpsecConfig ?? {}, customerGatewayId: t.customerGatewayId }));
    }
    return [{ ike: values.ikeConfig ?? {}, ipsec: values.ipsecConfig ?? {}, customerGatewayId: values.customerGatewayId }];
}

function cryptoSummary({ ike, ipsec }: Tunnel): string {
    return `${ike.ikeVersion} ${ike.ikeEncAlg}/${ike.ikeAuthAlg}/${ike.ikePfs} · esp ${ipsec.ipsecEncAlg}/${ipsec.ipsecAuthAlg} pfs ${ipsec.ipsecPfs}`;
}

/** A VPC NAT gateway's translation (overlapping networks) as the recorded resources describe it. */
interface Translation {
    id: string;
    natCidrs: string[];
    snat: string[];
    dnat: string[];
    /** The peer's real -> translated blocks, from the NAT gateway's description (model/translation.ts writes it). */
    peerMaps: Array<{ real: string; translated: string }>;
}

function translationsOf(resources: RecordedResource[], vpcId: string): Translation[] {
    const of = (type: string) => resources.filter((r) => r.type === type);
    return of(TYPES.natGateway)
        .filter((g) => g.inputs.vpcId === vpcId && g.inputs.networkType === "intranet")
        .map((g) => ({
            id: g.id,
            natCidrs: of(TYPES.natIpCidr).filter((c) => c.inputs.natGatewayId === g.id).map((c) => c.inputs.natIpCidr),
            snat: of(TYPES.snatEntry).filter((e) => e.inputs.snatTableId === g.outputs.snatTableIds).map((e) => `${e.inputs.sourceCidr} → ${e.inputs.snatIp}`),
            dnat: of(TYPES.forwardEntry).filter((e) => e.inputs.forwardTableId === g.outputs.forwardTableIds).map((e) => `${e.inputs.externalIp} → ${e.inputs.internalIp}`),
            peerMaps: [...String(g.inputs.description ?? "").matchAll(/the peer presents (\S+) as ([^\s;]+)/g)].map((m) => ({ real: m[1], translated: m[2] })),
        }));
}

/** Graphviz DOT source of the planned topology. */
export function topologyDot(resources: RecordedResource[], title: string): string {
    const of = (type: string) => resources.filter((r) => r.type === type);
    const byId = new Map(resources.filter((r) => r.id).map((r) => [r.id, r]));
    const gateways = of(TYPES.gateway);
    const gatewayByIp = new Map<string, RecordedResource>();
    gateways.forEach((g) => [g.outputs.internetIp, g.outputs.disasterRecoveryInternetIp].filter(Boolean).forEach((ip) => gatewayByIp.set(ip, g)));

    const lines = [
        `graph ${quote(title)} {`,
        `  label=${quote(`${title}: planned topology (offline plan, Alibaba Cloud emulator)`)}; labelloc=t; fontname="Helvetica"; fontsize=16;`,
        // Generous margins: viewers substitute fonts wider than the Helvetica metrics Graphviz lays out with.
        `  node [fontname="Helvetica", fontsize=10, margin="0.35,0.12"]; edge [fontname="Helvetica", fontsize=9];`,
    ];
    const nodes: string[] = [];
    const edges: Array<{ from: string; to: string; label: string; tunnels: number }> = [];
    const degree = new Map<string, number>();

    for (const gateway of gateways) {
        const vpc = byId.get(gateway.inputs.vpcId);
        const vswitches = of(TYPES.vswitch).filter((v) => v.inputs.vpcId === gateway.inputs.vpcId);
        // The VPC's own (system) route table; a NAT gateway's vSwitch table is drawn with its translation below.
        const routes = of(TYPES.vpcRoute)
            .filter((r) => r.inputs.nexthopId === gateway.id && (!vpc || r.inputs.routeTableId === vpc.outputs.routeTableId))
            .map((r) => r.inputs.destinationCidrblock as string);
        const label = [
            `${gateway.inputs.vpnGatewayName ?? gateway.name} (${gateway.region})`,
            `VPC ${vpc?.inputs.cidrBlock ?? "?"}`,
            // Two vSwitches share a line; more get one line each.
            ...(vswitches.length <= 2
                ? [`vSwitches ${vswitches.map((v) => `${v.inputs.cidrBlock} (${v.inputs.zoneId})`).join(", ")}`]
                : vswitches.map((v) => `vSwitch ${v.inputs.cidrBlock} (${v.inputs.zoneId})`)),
            `VPN gateway ${[gateway.outputs.internetIp, gateway.outputs.disasterRecoveryInternetIp].filter(Boolean).join(" / ")}, ${gateway.inputs.bandwidth} Mbit/s`,
            `VPC routes to the gateway: ${routes.length ? listed(routes) : "none"}`,
            // Overlapping networks: the block the VPC appears as, and how its NAT gateway gets there.
            ...translationsOf(resources, gateway.inputs.vpcId).flatMap((t) => {
                const natRoutes = of(TYPES.vpcRoute).filter((r) => r.inputs.nexthopId === t.id).map((r) => r.inputs.destinationCidrblock as string);
                return [
                    `real ${vpc?.inputs.cidrBlock ?? "?"} seen by peers as ${t.natCidrs.join(", ")} (VPC NAT gateway ${t.id})`,
                    `SNAT ${t.snat.join(", ") || "none"}; DNAT ${t.dnat.join(", ") || "none"}`,
                    `VPC routes to the NAT gateway: ${natRoutes.length ? listed(natRoutes) : "none"}`,
                    `from the NAT gateway's vSwitch to the VPN gateway: ${listed(of(TYPES.vpcRoute).filter((r) => r.inputs.nexthopId === gateway.id && vpc && r.inputs.routeTableId !== vpc.outputs.routeTableId).map((r) => r.inputs.destinationCidrblock)) || "none"}`,
                ];
            }),
        ].join("\n");
        nodes.push(`  ${quote(gateway.id)} [shape=box, style="rounded,filled", fillcolor="#fff3e0", label=${quote(label)}];`);
    }

    // Two Alibaba gateways connected to each other hold one connection each: one edge for the pair.
    const drawnPairs = new Set<string>();
    for (const connection of of(TYPES.connection)) {
        const tunnels = tunnelsOf(connection);
        const cgws = tunnels.map((t) => byId.get(t.customerGatewayId)).filter((c): c is RecordedResource => !!c);
        const peerIps = [...new Set(cgws.map((c) => c.inputs.ipAddress as string))];
        const peerGateway = peerIps.map((ip) => gatewayByIp.get(ip)).find(Boolean);
        const own = connection.inputs.vpnGatewayId as string;
        const local = connection.inputs.localSubnets as string[];
        const remote = connection.inputs.remoteSubnets as string[];
        let peer: string;
        let aws: ReturnType<typeof awsPeerFor>;
        if (peerGateway) {
            const pair = [own, peerGateway.id].sort().join("|");
            if (drawnPairs.has(pair)) {
                continue;
            }
            drawnPairs.add(pair);
            peer = peerGateway.id;
        } else if ((aws = PEER_CLOUD_NODES.map((find) => find(resources, peerIps)).find(Boolean))) {
            peer = aws.id;
            if (!nodes.some((n) => n.startsWith(`  ${quote(peer)} `))) {
                nodes.push(`  ${quote(peer)} [shape=box, style="rounded,filled", fillcolor="#e3f2fd", label=${quote(aws.label)}];`);
            }
        } else {
            peer = `peer:${peerIps.join("/")}`;
            const ownGateway = byId.get(own);
            const maps = ownGateway ? translationsOf(resources, ownGateway.inputs.vpcId).flatMap((t) => t.peerMaps) : [];
            const networks = remote.map((b) => {
                const map = maps.find((m) => m.translated === b);
                return map ? `${b} (its real ${map.real}, mapped 1:1 by the peer)` : b;
            });
            nodes.push(`  ${quote(peer)} [shape=box3d, label=${quote(`peer ${connection.inputs.vpnConnectionName ?? connection.name}\n${peerIps.join(" / ")}\nnetworks: ${networks.join(", ")}`)}];`);
        }
        const selectors = peerGateway ? `carries ${local.join(", ")} ⇄ ${remote.join(", ")}` : `local ${local.join(", ")} ⇄ remote ${remote.join(", ")}`;
        const wiring = aws ? `\n${tunnels.map((t, i) => `${i === 0 ? "master" : "slave"} → ${byId.get(t.customerGatewayId)?.inputs.ipAddress} (${aws!.tunnelNames.get(byId.get(t.customerGatewayId)?.inputs.ipAddress)})`).join(", ")}` : "";
        const label = `${tunnels.length} tunnel${tunnels.length === 1 ? "" : "s"} · ${cryptoSummary(tunnels[0])}\n${selectors}${wiring}`;
        edges.push({ from: own, to: peer, label, tunnels: tunnels.length });
        degree.set(own, (degree.get(own) ?? 0) + 1);
        degree.set(peer, (degree.get(peer) ?? 0) + 1);
    }

    drawOpenVpnServers(resources, byId, nodes, edges, degree);

    // A hub with many spokes reads best as a star around the hub; a few links read best left to right.
    const [center, centerDegree] = [...degree].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    if (centerDegree >= 3) {
        lines.push(`  layout=twopi; root=${quote(center)}; overlap=false; ranksep=3;`);
    } else {
        lines.push("  rankdir=LR; nodesep=0.6;");
    }
    const labelled = edges.length <= MAX_LABELLED_EDGES;
    const edgeLines = edges.map(
        (e) => `  ${quote(e.from)} -- ${quote(e.to)} [${labelled ? `label=${quote(e.label)}, ` : ""}tooltip=${quote(e.label)}, penwidth=${e.tunnels}];`,
    );
    return [...lines, ...nodes, ...edgeLines, "}"].join("\n") + "\n";
}

/**
 * OpenVPN servers (OpenVpnMesh): the instance with its VPC, vSwitch, addresses and tunnel pool, and one node per
 * client with its LANs, read from the VPC routes the mesh points at the instance ("LAN of <client> through OpenVPN
 * server <mesh>") and the security group rule admitting the client ("OpenVPN from <client>").
 */
function drawOpenVpnServers(
    resources: RecordedResource[],
    byId: Map<string, RecordedResource>,
    nodes: string[],
    edges: Array<{ from: string; to: string; label: string; tunnels: number }>,
    degree: Map<string, number>,
): void {
    const of = (type: string) => resources.filter((r) => r.type === type);
    for (const instance of of(TYPES.instance)) {
        const routes = of(TYPES.vpcRoute).filter((r) => r.inputs.nexthopType === "Instance" && r.inputs.nexthopId === instance.id);
        if (routes.length === 0) {
            continue;
        }
        const vswitch = byId.get(instance.inputs.vswitchId);
        const vpc = vswitch && byId.get(vswitch.inputs.vpcId);
        const pool = routes.filter((r) => /^OpenVPN tunnel pool/.test(r.inputs.description ?? "")).map((r) => r.inputs.destinationCidrblock as string);
        const label = [
            `OpenVPN server ${instance.inputs.instanceName ?? instance.name} (${instance.region})`,
            `VPC ${vpc?.inputs.cidrBlock ?? "?"}`,
            `vSwitch ${vswitch?.inputs.cidrBlock ?? "?"} (${vswitch?.inputs.zoneId ?? "?"})`,
            `instance ${instance.outputs.privateIp ?? instance.inputs.privateIp ?? "?"} / ${instance.outputs.publicIp ?? "?"}`,
            `tunnel pool ${pool.join(", ") || "?"}`,
        ].join("\n");
        nodes.push(`  ${quote(instance.id)} [shape=box, style="rounded,filled", fillcolor="#e8f5e9", label=${quote(label)}];`);
        const clients = new Map<string, string[]>();
        for (const route of routes) {
            const client = /^LAN of (.+) through OpenVPN server /.exec(route.inputs.description ?? "")?.[1];
            if (client) {
                clients.set(client, [...(clients.get(client) ?? []), route.inputs.destinationCidrblock]);
            }
        }
        const rules = of(TYPES.securityGroupRule).filter((r) => r.inputs.securityGroupId === instance.inputs.securityGroups?.[0]);
        for (const [client, lans] of clients) {
            const rule = rules.find((r) => r.inputs.description === `OpenVPN from ${client}`);
            const node = `client:${instance.id}:${client}`;
            const address = rule ? String(rule.inputs.cidrIp).replace(/\/32$/, "") : "any address";
            nodes.push(`  ${quote(node)} [shape=box3d, label=${quote(`client ${client}\n${address}\nLANs: ${lans.join(", ")}`)}];`);
            const port = rule ? `${rule.inputs.ipProtocol}/${String(rule.inputs.portRange).split("/")[0]}` : "OpenVPN";
            edges.push({ from: instance.id, to: node, label: `OpenVPN ${port}\nroutes ${lans.join(", ")}`, tunnels: 1 });
            degree.set(instance.id, (degree.get(instance.id) ?? 0) + 1);
            degree.set(node, 1);
        }
    }
}

/** SVG of `dot`, laid out by Graphviz (WebAssembly build). */
export async function renderSvg(dot: string): Promise<string> {
    const { instance } = await import("@viz-js/viz");
    const viz = await instance();
    return viz.renderString(dot, { format: "svg" });
}
