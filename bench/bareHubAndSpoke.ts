// The baseline of the plan-scale benchmark: the same hub-and-spoke as HubAndSpoke, written as a flat
// program of raw @pulumi/alicloud resources, the way one would by hand: no components, no checks, no
// rendered configs. Same resources, same inputs, same dependencies (the hub's connections still wait for
// each other, or the emulator refuses them like the API does).
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { alibabaIkeConfig, alibabaIpsecConfig } from "../model/alibabaConnection";
import { planHubAndSpoke } from "../model/hubAndSpoke";
import { DEFAULT_PROFILE } from "../model/profile";
import { HubAndSpokeConfig } from "../stacks/hubAndSpoke";

const slug = (cidr: string) => cidr.replace(/[./]/g, "-");

export function bareHubAndSpoke(config: HubAndSpokeConfig): void {
    const sites = [config.hub, ...config.spokes];
    const providers = new Map<string, alicloud.Provider>();
    for (const region of new Set(sites.map((s) => s.region))) {
        providers.set(region, new alicloud.Provider(`bare-${region}`, { region }));
    }
    const gateways = new Map<string, { gateway: alicloud.vpn.Gateway; vpc: alicloud.vpc.Network; provider: alicloud.Provider }>();
    for (const site of sites) {
        const provider = providers.get(site.region)!;
        const vpc = new alicloud.vpc.Network(`${site.name}-vpc`, { vpcName: site.name, cidrBlock: site.vpcCidr }, { provider });
        const vswitches = site.vswitches.map(
            (v) => new alicloud.vpc.Switch(v.name, { vpcId: vpc.id, zoneId: v.zoneId, cidrBlock: v.cidr, vswitchName: v.name }, { provider }),
        );
        const gateway = new alicloud.vpn.Gateway(
            `${site.name}-gateway`,
            {
                vpnGatewayName: site.name,
                vpcId: vpc.id,
                vswitchId: vswitches[0].id,
                disasterRecoveryVswitchId: vswitches[1].id,
                bandwidth: site.bandwidth,
                enableIpsec: true,
                enableSsl: false,
                paymentType: "PayAsYouGo",
            },
            { provider },
        );
        gateways.set(site.name, { gateway, vpc, provider });
    }
    const plan = planHubAndSpoke({ hub: config.hub, spokes: config.spokes, routeStrategy: config.routeStrategy, summaryCidrs: config.summaryCidrs });
    const ike = alibabaIkeConfig(DEFAULT_PROFILE);
    const ipsec = alibabaIpsecConfig(DEFAULT_PROFILE);
    let previous: pulumi.Resource | undefined;
    for (const connection of plan.connections) {
        const keys = ["master", "slave"].map(
            (role) => new random.RandomPassword(`${config.hub.name}-${connection.spoke}-psk-${role}`, { length: 32, special: false }).result,
        );
        const ends = [
            { end: connection.hubEnd, own: gateways.get(config.hub.name)!, peer: gateways.get(connection.spoke)!, name: `${config.hub.name}-to-${connection.spoke}` },
            { end: connection.spokeEnd, own: gateways.get(connection.spoke)!, peer: gateways.get(config.hub.name)!, name: `${connection.spoke}-to-${config.hub.name}` },
        ];
        for (const { end, own, peer, name } of ends) {
            const { provider } = own;
            const cgws = [peer.gateway.internetIp, peer.gateway.disasterRecoveryInternetIp].map(
                (ip, i) => new alicloud.vpn.CustomerGateway(`${name}-cgw-${i + 1}`, { customerGatewayName: `${name}-${i + 1}`, ipAddress: ip }, { provider }),
            );
            const onHub = end === connection.hubEnd;
            const vpnConnection = new alicloud.vpn.Connection(
                `${name}-connection`,
                {
                    vpnConnectionName: name,
                    vpnGatewayId: own.gateway.id,
                    localSubnets: end.localSubnets,
                    remoteSubnets: end.remoteSubnets,
                    effectImmediately: true,
                    autoConfigRoute: false,
                    tunnelOptionsSpecifications: ["master", "slave"].map((role, i) => ({
                        role,
                        customerGatewayId: cgws[i].id,
                        enableDpd: true,
                        enableNatTraversal: true,
                        tunnelIkeConfig: { ...ike, psk: keys[i] },
                        tunnelIpsecConfig: ipsec,
                    })),
                },
                { provider, dependsOn: onHub && previous ? [previous] : [] },
            );
            if (onHub) {
                previous = vpnConnection;
            }
            for (const dest of end.routeDestinations) {
                new alicloud.vpn.RouteEntry(
                    `${name}-gw-route-${slug(dest)}`,
                    { vpnGatewayId: own.gateway.id, routeDest: dest, nextHop: vpnConnection.id, weight: 100, publishVpc: false },
                    { provider },
                );
                new alicloud.vpc.RouteEntry(
                    `${name}-vpc-route-${slug(dest)}`,
                    { routeTableId: own.vpc.routeTableId, destinationCidrblock: dest, nexthopType: "VpnGateway", nexthopId: own.gateway.id },
                    { provider, dependsOn: [vpnConnection] },
                );
            }
        }
    }
}
