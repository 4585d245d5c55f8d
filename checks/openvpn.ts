// Routes toward an OpenVPN server on ECS: the VPC sends a client's LAN to the instance, the server sends it
// into the client's tunnel (iroute). A route to something the server does not serve is a black hole; a LAN
// with no route back means replies leave by the VPC's default route.
import { coveredByUnion } from "../model/cidr";
import { Finding } from "../model/findings";
import { Topology, TunnelPoolPlan } from "../model/topology";
import { isCidr, list, validBlocks } from "./common";

function served(pool: TunnelPoolPlan): string[] {
    return [pool.pool, ...pool.clients.flatMap((c) => c.networks)].map((b) => b.cidr).filter(isCidr);
}

function instanceRoutes(topology: Topology, pool: TunnelPoolPlan): string[] {
    return topology.vpcRoutes
        .filter((r) => r.site === pool.site && r.nextHop.kind === "instance" && r.nextHop.instance === pool.instance && isCidr(r.destination))
        .map((r) => r.destination);
}

export function checkOpenVpnRoutes(topology: Topology): Finding[] {
    const findings: Finding[] = [];
    for (const route of topology.vpcRoutes) {
        if (route.nextHop.kind !== "instance" || !isCidr(route.destination)) {
            continue;
        }
        const instance = route.nextHop.instance;
        const pool = topology.tunnelPools.find((p) => p.site === route.site && p.instance === instance);
        if (!pool) {
            findings.push({
                severity: "error",
                code: "openvpn.unknown-instance",
                site: route.site,
                field: route.field,
                value: instance,
                message: `the route's next hop ${instance} is not an OpenVPN server of ${route.site}.`,
                fix: `point the route at the instance of one of the OpenVPN servers in ${route.site}, or declare the server.`,
            });
            continue;
        }
        if (!coveredByUnion(served(pool), route.destination)) {
            findings.push({
                severity: "error",
                code: "openvpn.route-not-served",
                site: route.site,
                field: route.field,
                value: route.destination,
                message: `the VPC sends ${route.destination} to OpenVPN server ${pool.name}, which serves only ${list(served(pool))}; the instance drops it or sends it back to the VPC.`,
                fix: `add ${route.destination} to the networks (iroute) of the client behind it, or remove the route.`,
            });
        }
    }
    for (const pool of topology.tunnelPools) {
        const routes = instanceRoutes(topology, pool);
        for (const client of pool.clients) {
            for (const network of validBlocks(client.networks)) {
                if (!coveredByUnion(routes, network.cidr)) {
                    findings.push({
                        severity: "error",
                        code: "openvpn.missing-vpc-route",
                        site: pool.site,
                        field: network.field,
                        value: network.cidr,
                        message: `${client.site}'s ${network.cidr} is served by OpenVPN server ${pool.name}, but the VPC route table of ${pool.site} does not send it to instance ${pool.instance}; replies from the VPC take the default route.`,
                        fix: `add a VPC route entry on ${pool.site} for ${network.cidr} with next hop instance ${pool.instance}.`,
                    });
                }
            }
        }
        if (isCidr(pool.pool.cidr) && !coveredByUnion(routes, pool.pool.cidr)) {
            findings.push({
                severity: "warning",
                code: "openvpn.pool-not-routed",
                site: pool.site,
                field: pool.pool.field,
                value: pool.pool.cidr,
                message: `the VPC route table of ${pool.site} does not send the tunnel pool to instance ${pool.instance}; VPC hosts can answer clients only if the server masquerades them.`,
                fix: `add a VPC route entry on ${pool.site} for ${pool.pool.cidr} with next hop instance ${pool.instance}, or masquerade the pool on the server.`,
            });
        }
    }
    return findings;
}
