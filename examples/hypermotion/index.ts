// Seed 000 as a user writes it: a HyperMotion SaaS VPC in Hangzhou (ACK workers) reaching the office OpenStack
// behind an H3C ER router. One VpnSite: the VPC, its vSwitches, a dual-tunnel VPN gateway and the office link,
// all checked together (seed 004's routing loops, overlaps, the ACK ranges, Docker's bridge) before anything is
// created. `pulumi up` creates it; the ER's settings sheet comes out as a secret output.
import * as pulumi from "@pulumi/pulumi";
import { VpnSite } from "alicloud-vpn";

const site = new VpnSite("hypermotion", {
    vpcCidr: "172.16.0.0/16",
    vswitches: [
        { name: "ack-workers-h", zoneId: "cn-hangzhou-h", cidr: "172.16.1.0/24" },
        { name: "ack-workers-i", zoneId: "cn-hangzhou-i", cidr: "172.16.2.0/24" },
        { name: "vpn-h", zoneId: "cn-hangzhou-h", cidr: "172.16.255.0/28" },
        { name: "vpn-i", zoneId: "cn-hangzhou-i", cidr: "172.16.255.16/28" },
    ],
    gatewayVswitch: 2,
    disasterRecoveryVswitch: 3,
    gatewayOnlyVswitches: ["vpn-h", "vpn-i"],
    bandwidth: 10,
    region: "cn-hangzhou",
    kubernetesClusters: [{ name: "hypermotion-ack", podCidr: "172.20.0.0/16", serviceCidr: "172.21.0.0/20" }],
    links: [
        {
            name: "office",
            peerPublicIp: "203.0.113.10",
            // The ER speaks IKEv1 (one selector pair): both OpenStack networks as one block.
            peerSubnets: ["192.168.10.0/23"],
            vpcRouteDestinations: ["192.168.10.0/24", "192.168.11.0/24"],
            peerPlatforms: ["h3c-er"],
            profile: {
                ike: { version: "ikev1", encryption: "aes256", integrity: "sha1", dhGroup: "group2" },
                ipsec: { encryption: "aes256", integrity: "sha1", pfs: "group2" },
                weakCryptoOptIn: { reason: "the office H3C ER3200G2 offers DH2 (modp1024) as its strongest group" },
            },
        },
    ],
});

export const vpnGatewayId = site.vpnGatewayId;
export const gatewayIps = site.gatewayIps;
export const erSettings = site.peerConfigs.apply((configs) => configs.office["h3c-er"]);
