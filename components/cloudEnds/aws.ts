// The AWS end of a CloudLink: a virtual private gateway (or the given one, or a transit gateway), one customer
// gateway per Alibaba gateway address, two VPN connections with every tunnel option explicit, static routes; and the
// two Alibaba connections wired to them (model/clouds/awsLink.ts says why the wiring is what it is).
import * as pulumi from "@pulumi/pulumi";
import type * as awsSdk from "@pulumi/aws";
import { AwsCloudLinkPlan } from "../../model/clouds/awsLink";
import { slug } from "../../model/site";
import { requireOptional } from "../optional";
import { createLink } from "../resources";
import { CloudEndContext, CloudEndResources, tunnelPsk } from "./types";

/** Loads @pulumi/aws (an optional peer) before anything is registered. */
export function loadAws(name: string): typeof awsSdk {
    return requireOptional<typeof awsSdk>("@pulumi/aws", "^7", `CloudLink "${name}" to AWS`);
}

export function createAwsEnd(aws: typeof awsSdk, ctx: CloudEndContext, plan: AwsCloudLinkPlan): CloudEndResources {
    const { name, hub, gateway, tags } = ctx;
    const region = plan.region;
    // Every AWS resource names its region itself (provider v7's per-resource region).
    const awsChild = { parent: ctx.parent };
    const awsTags = { ...tags, Name: name };
    const vgw =
        plan.attach.kind === "vpc"
            ? new aws.ec2.VpnGateway(
                  `${name}-vgw`,
                  { vpcId: plan.attach.vpcId, amazonSideAsn: plan.amazonSideAsn?.toString(), region, tags: awsTags },
                  awsChild,
              )
            : undefined;
    const vpnGatewayId: pulumi.Input<string> | undefined = vgw
        ? vgw.id
        : plan.attach.kind === "vpnGateway"
          ? plan.attach.vpnGatewayId
          : undefined;
    const propagations =
        vpnGatewayId === undefined
            ? []
            : plan.routeTableIds.map(
                  (rtb) =>
                      new aws.ec2.VpnGatewayRoutePropagation(`${name}-propagation-${rtb}`, { vpnGatewayId, routeTableId: rtb, region }, awsChild),
              );
    // One customer gateway per Alibaba gateway address: A for the master address, B for the slave address.
    const alibabaIps = [hub.gateway.internetIp, hub.gateway.disasterRecoveryInternetIp];
    const customerGateways = ["a", "b"].map(
        (c, j) =>
            new aws.ec2.CustomerGateway(
                `${name}-cgw-${c}`,
                // Static routing: the ASN is required by the API but unused; 65000 is private.
                {
                    bgpAsn: "65000",
                    ipAddress: alibabaIps[j],
                    type: "ipsec.1",
                    region,
                    tags: { ...awsTags, Name: `${name}-alibaba-${j === 0 ? "master" : "slave"}` },
                },
                awsChild,
            ),
    );
    const psks = ["a1", "a2", "b1", "b2"].map((t, i) => tunnelPsk(plan.psks, i, `${name}-psk-${t}`, ctx.parent));
    const o = plan.tunnelOptions;
    const tunnel = (n: 1 | 2, index: number) => ({
        [`tunnel${n}IkeVersions`]: o.ikeVersions,
        [`tunnel${n}Phase1EncryptionAlgorithms`]: o.phase1EncryptionAlgorithms,
        [`tunnel${n}Phase1IntegrityAlgorithms`]: o.phase1IntegrityAlgorithms,
        [`tunnel${n}Phase1DhGroupNumbers`]: o.phase1DhGroupNumbers,
        [`tunnel${n}Phase1LifetimeSeconds`]: o.phase1LifetimeSeconds,
        [`tunnel${n}Phase2EncryptionAlgorithms`]: o.phase2EncryptionAlgorithms,
        [`tunnel${n}Phase2IntegrityAlgorithms`]: o.phase2IntegrityAlgorithms,
        [`tunnel${n}Phase2DhGroupNumbers`]: o.phase2DhGroupNumbers,
        [`tunnel${n}Phase2LifetimeSeconds`]: o.phase2LifetimeSeconds,
        [`tunnel${n}PresharedKey`]: psks[index],
        [`tunnel${n}InsideCidr`]: plan.insideCidrs[index],
        // Alibaba initiates (effectImmediately); AWS answers, and restarts IKE after a DPD timeout.
        [`tunnel${n}StartupAction`]: "add",
        [`tunnel${n}DpdTimeoutAction`]: "restart",
    });
    const connections = ["a", "b"].map(
        (c, j) =>
            new aws.ec2.VpnConnection(
                `${name}-vpn-${c}`,
                {
                    customerGatewayId: customerGateways[j].id,
                    ...(vpnGatewayId !== undefined
                        ? { vpnGatewayId }
                        : { transitGatewayId: (plan.attach as { transitGatewayId: string }).transitGatewayId }),
                    type: "ipsec.1",
                    staticRoutesOnly: true,
                    region,
                    tags: { ...awsTags, Name: `${name}-${c}` },
                    ...tunnel(1, j * 2),
                    ...tunnel(2, j * 2 + 1),
                } as awsSdk.ec2.VpnConnectionArgs,
                {
                    parent: ctx.parent,
                    additionalSecretOutputs: ["tunnel1PresharedKey", "tunnel2PresharedKey", "customerGatewayConfiguration"],
                },
            ),
    );
    const routes: pulumi.CustomResource[] = [];
    if (vpnGatewayId !== undefined) {
        connections.forEach((conn, j) =>
            plan.alibabaSubnets.forEach((dest) =>
                routes.push(
                    new aws.ec2.VpnConnectionRoute(
                        `${name}-vpn-${"ab"[j]}-route-${slug(dest)}`,
                        { vpnConnectionId: conn.id, destinationCidrBlock: dest, region },
                        awsChild,
                    ),
                ),
            ),
        );
    } else if (plan.attach.kind === "transitGateway") {
        // A transit gateway takes one static route per destination: connection A carries it (failover to B needs BGP).
        const routeTableId = plan.attach.routeTableId;
        plan.alibabaSubnets.forEach((dest) =>
            routes.push(
                new aws.ec2transitgateway.Route(
                    `${name}-tgw-route-${slug(dest)}`,
                    {
                        destinationCidrBlock: dest,
                        transitGatewayAttachmentId: connections[0].transitGatewayAttachmentId,
                        transitGatewayRouteTableId: routeTableId,
                        region,
                    },
                    awsChild,
                ),
            ),
        );
    }

    // Alibaba connection k: master tunnel to A's tunnel k, slave tunnel to B's tunnel k, keys to match. The
    // second connection's gateway routes have weight 0: it stands by while the first carries traffic.
    const tunnelAddress = (conn: awsSdk.ec2.VpnConnection, n: number) => (n === 1 ? conn.tunnel1Address : conn.tunnel2Address);
    const alibabaLinks = plan.site.links.map((linkPlan, k) =>
        createLink(
            linkPlan,
            gateway,
            {
                peerPublicIp: tunnelAddress(connections[0], k + 1),
                peerSecondaryPublicIp: tunnelAddress(connections[1], k + 1),
                psks: [psks[k], psks[2 + k]],
                gatewayRouteWeight: k === 0 ? 100 : 0,
            },
            ctx.alibabaParent,
        ),
    );
    return {
        peerGatewayId: pulumi.output(vpnGatewayId ?? (plan.attach.kind === "transitGateway" ? plan.attach.transitGatewayId : "")),
        peerConnectionIds: connections.map((c) => c.id),
        peerTunnelAddresses: connections.flatMap((c) => [c.tunnel1Address, c.tunnel2Address]),
        psks,
        alibabaLinks,
        peerResources: [...(vgw ? [vgw] : []), ...propagations, ...customerGateways, ...connections, ...routes],
    };
}
