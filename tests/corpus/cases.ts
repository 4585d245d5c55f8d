// The corpus cases: what is wrong, how it is written, and every error the user must see, word for word.
import { LinkArgs } from "../../components/siteToSiteLink";
import { VpnHubArgs } from "../../components/vpnHub";
import { hubArgs } from "../fixtures/hubs";

export interface HypermotionCase {
    name: string;
    /** Edits a copy of the sample's alicloud-vpn:hypermotion object; returns the new value (undefined removes the key). */
    edit: (config: any) => unknown;
    errors: string[];
}

export type ComponentCase =
    | { name: string; hub: VpnHubArgs; errors: string[] }
    | { name: string; link: LinkArgs; errors: string[] };

/** Applies `change` to the config and returns it. */
const set = (change: (c: any) => void) => (c: any) => {
    change(c);
    return c;
};

const link = (overrides: Partial<LinkArgs>): LinkArgs => ({
    peerPublicIp: "203.0.113.20",
    peerSubnets: ["192.168.50.0/24"],
    ...overrides,
});

export const HYPERMOTION_CASES: HypermotionCase[] = [
    // issue 12: refused before creation instead of by (emulated) Alibaba, or not at all
    { name: "peer public IP private (10.1.2.3)", edit: set((c) => (c.office.peerPublicIp = "10.1.2.3")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"10.1.2.3\": 10.1.2.3 is a private address (RFC 1918), not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "peer public IP private (192.168.1.1)", edit: set((c) => (c.office.peerPublicIp = "192.168.1.1")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"192.168.1.1\": 192.168.1.1 is a private address (RFC 1918), not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "peer public IP in carrier-grade NAT space", edit: set((c) => (c.office.peerPublicIp = "100.72.1.1")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"100.72.1.1\": 100.72.1.1 is a shared address (100.64.0.0/10, carrier-grade NAT), not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "peer public IP loopback", edit: set((c) => (c.office.peerPublicIp = "127.0.0.1")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"127.0.0.1\": 127.0.0.1 is a loopback address, not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "peer public IP multicast", edit: set((c) => (c.office.peerPublicIp = "224.0.0.5")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"224.0.0.5\": 224.0.0.5 is a multicast address, not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "peer public IP 0.0.0.0", edit: set((c) => (c.office.peerPublicIp = "0.0.0.0")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"0.0.0.0\": 0.0.0.0 is the unspecified address, not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "peer public IP link-local", edit: set((c) => (c.office.peerPublicIp = "169.254.10.1")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"169.254.10.1\": 169.254.10.1 is a link-local address, not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "VPC block inside 100.64.0.0/10", edit: set((c) => {
        c.hub.vpcCidr = "100.64.0.0/16";
        c.hub.vswitches.forEach((v: any) => (v.cidr = v.cidr.replace(/^172\.16\./, "100.64.")));
    }), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vpcCidr = \"100.64.0.0/16\": the block overlaps 100.64.0.0/10, which Alibaba reserves; CreateVpc refuses it. Fix: choose alicloud-vpn:hypermotion.hub.vpcCidr in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.",
        ] },
    { name: "VPC block in link-local 169.254.0.0/16", edit: set((c) => {
        c.hub.vpcCidr = "169.254.0.0/16";
        c.hub.vswitches.forEach((v: any) => (v.cidr = v.cidr.replace(/^172\.16\./, "169.254.")));
    }), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vpcCidr = \"169.254.0.0/16\": the block overlaps 169.254.0.0/16, which Alibaba reserves; CreateVpc refuses it. Fix: choose alicloud-vpn:hypermotion.hub.vpcCidr in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.",
        ] },
    { name: "OpenStack network with host bits (192.168.10.1/24)", edit: set((c) => (c.office.openstack.controlNetwork = "192.168.10.1/24")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.openstack.controlNetwork = \"192.168.10.1/24\": the address has host bits set beyond the prefix; the network is 192.168.10.0/24. Fix: write 192.168.10.0/24 instead of 192.168.10.1/24.",
        ] },
    { name: "both OpenStack networks the same", edit: set((c) => (c.office.openstack.floatingIpNetwork = "192.168.10.0/24")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"192.168.10.0/24\": the same network as alicloud-vpn:hypermotion.office.openstack.controlNetwork (192.168.10.0/24); its routes would be created twice and Alibaba refuses the second. Fix: remove alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork, or correct it to the network it was meant to be.",
        ] },
    { name: "OpenStack network inside 100.64.0.0/10", edit: set((c) => {
        c.office.openstack.floatingIpNetwork = "100.100.0.0/24";
        c.office.peerSubnets = ["192.168.10.0/24", "100.100.0.0/24"];
        c.office.profile.ike.version = "ikev2";
    }), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets[1] = \"100.100.0.0/24\": the VPN gateway cannot route to 100.100.0.0/24: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: list the peer's real networks in alicloud-vpn:hypermotion.office.peerSubnets instead of 100.100.0.0/24.",
            "error [office] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"100.100.0.0/24\": a VPC route to 100.100.0.0/24 would send the VPC's traffic to Alibaba's own services (100.100.0.0/16: DNS 100.100.2.136, metadata 100.100.100.200) away from them. Fix: renumber that network out of 100.64.0.0/10 (into 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), or leave it out of alicloud-vpn:hypermotion.office.vpcRouteDestinations.",
        ] },
    { name: "the same remote network twice", edit: set((c) => {
        c.office.peerSubnets = ["192.168.10.0/23", "192.168.10.0/23"];
    }), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets[1] = \"192.168.10.0/23\": the same network as alicloud-vpn:hypermotion.office.peerSubnets[0] (192.168.10.0/23); its routes would be created twice and Alibaba refuses the second. Fix: remove alicloud-vpn:hypermotion.office.peerSubnets[1], or correct it to the network it was meant to be.",
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.version = \"ikev1\": IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2. Allowed: ikev2. Fix: set alicloud-vpn:hypermotion.office.profile.ike.version to ikev2, or split the link into one connection per CIDR pair.",
        ] },
    { name: "remote network with host bits", edit: set((c) => (c.office.peerSubnets = ["192.168.10.1/23"])), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets[0] = \"192.168.10.1/23\": the address has host bits set beyond the prefix; Alibaba rejects it and peers disagree on what it means. Fix: write 192.168.10.0/23 instead of 192.168.10.1/23.",
        ] },
    { name: "two vSwitches with one name", edit: set((c) => (c.hub.vswitches[1].name = "ack-workers-h")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[1].name = \"ack-workers-h\": alicloud-vpn:hypermotion.hub.vswitches[0].name already has this name; both vSwitch resources would get one URN, which Pulumi refuses. Fix: rename alicloud-vpn:hypermotion.hub.vswitches[1].name, e.g. to \"hypermotion-ack-workers-h\".",
        ] },
    { name: "bandwidth 2000 Mbit/s", edit: set((c) => (c.hub.bandwidth = 2000)), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.bandwidth = 2000: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set alicloud-vpn:hypermotion.hub.bandwidth to the next specification up, e.g. 1000.",
        ] },
    { name: "tunnel mode single in a dual-tunnel-only region", edit: set((c) => (c.hub.tunnelMode = "single")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.tunnelMode = \"single\": a VPN gateway bought in cn-hangzhou today accepts only dual-tunnel connections; single-tunnel gateways exist only as gateways bought before dual-tunnel support. Allowed: dual. Fix: set alicloud-vpn:hypermotion.hub.tunnelMode: dual with the gateway and disaster-recovery vSwitches in two of cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k.",
        ] },
    { name: "gateway vSwitch in a zone without VPN gateways", edit: set((c) => (c.hub.vswitches[2].zoneId = "cn-hangzhou-b")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[2].zoneId = \"cn-hangzhou-b\": Alibaba sells no VPN gateway in zone cn-hangzhou-b. Allowed: cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k. Fix: put the gateway's vSwitch in one of cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k.",
        ] },
    { name: "disaster-recovery vSwitch in a zone without VPN gateways", edit: set((c) => (c.hub.vswitches[3].zoneId = "cn-hangzhou-a")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[3].zoneId = \"cn-hangzhou-a\": Alibaba sells no VPN gateway in zone cn-hangzhou-a. Allowed: cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k. Fix: put the disaster-recovery vSwitch in one of cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k.",
        ] },
    { name: "bandwidth 7 Mbit/s", edit: set((c) => (c.hub.bandwidth = 7)), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.bandwidth = 7: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set alicloud-vpn:hypermotion.hub.bandwidth to the next specification up, e.g. 10.",
        ] },
    // hub: values Alibaba refuses
    { name: "bandwidth not on sale (15 Mbit/s)", edit: set((c) => (c.hub.bandwidth = 15)), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.bandwidth = 15: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set alicloud-vpn:hypermotion.hub.bandwidth to the next specification up, e.g. 20.",
        ] },
    { name: "VPC block with host bits", edit: set((c) => (c.hub.vpcCidr = "172.16.3.0/16")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vpcCidr = \"172.16.3.0/16\": Alibaba accepts VPC blocks from /8 to /28 written as their network address. Allowed: a network address with a /8 to /28 prefix, e.g. 172.16.0.0/16. Fix: write 172.16.0.0/16 instead.",
            "error [office] alicloud-vpn:hypermotion.office.alibabaSubnets[0] = \"172.16.3.0/16\": the address has host bits set beyond the prefix; Alibaba rejects it and peers disagree on what it means. Fix: write 172.16.0.0/16 instead of 172.16.3.0/16.",
        ] },
    { name: "VPC block that is not a CIDR", edit: set((c) => (c.hub.vpcCidr = "172.16.0.0/33")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vpcCidr = \"172.16.0.0/33\": the prefix length must be between 0 and 32. Allowed: a network address with a /8 to /28 prefix, e.g. 172.16.0.0/16. Fix: set alicloud-vpn:hypermotion.hub.vpcCidr to a block such as 172.16.0.0/16.",
            "error [office] alicloud-vpn:hypermotion.office.alibabaSubnets[0] = \"172.16.0.0/33\": the prefix length must be between 0 and 32. Fix: write alicloud-vpn:hypermotion.office.alibabaSubnets[0] as network/prefix, e.g. 192.168.10.0/24.",
        ] },
    { name: "vSwitch outside the VPC", edit: set((c) => (c.hub.vswitches[0].cidr = "172.17.1.0/24")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[0].cidr = \"172.17.1.0/24\": the vSwitch block is not inside the VPC block 172.16.0.0/16. Fix: choose alicloud-vpn:hypermotion.hub.vswitches[0].cidr inside 172.16.0.0/16, or widen alicloud-vpn:hypermotion.hub.vpcCidr.",
        ] },
    { name: "vSwitches overlapping", edit: set((c) => (c.hub.vswitches[1].cidr = "172.16.1.128/25")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[1].cidr = \"172.16.1.128/25\": overlaps alicloud-vpn:hypermotion.hub.vswitches[0].cidr (172.16.1.0/24). Fix: give each vSwitch its own block, e.g. move alicloud-vpn:hypermotion.hub.vswitches[1].cidr past 172.16.1.0/24.",
        ] },
    { name: "vSwitch /30, too small", edit: set((c) => (c.hub.vswitches[2].cidr = "172.16.255.0/30")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[2].cidr = \"172.16.255.0/30\": Alibaba accepts vSwitch blocks from /16 to /29 written as their network address. Allowed: a network address with a /16 to /29 prefix inside the VPC. Fix: set alicloud-vpn:hypermotion.hub.vswitches[2].cidr to a /16../29 network inside 172.16.0.0/16.",
        ] },
    { name: "dual-tunnel gateway in one zone", edit: set((c) => (c.hub.vswitches[3].zoneId = "cn-hangzhou-h")), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches = [\"cn-hangzhou-h\",\"cn-hangzhou-i\",\"cn-hangzhou-h\",\"cn-hangzhou-h\"]: a dual-tunnel VPN gateway needs a vSwitch and a disaster-recovery vSwitch in two different zones. Fix: add a vSwitch in a second zone to alicloud-vpn:hypermotion.hub.vswitches, or set alicloud-vpn:hypermotion.hub.tunnelMode: single for a legacy gateway.",
        ] },
    // config shape
    { name: "gateway vSwitch name unknown", edit: set((c) => (c.hub.gatewayVswitch = "vpn-x")), errors: [
            "error alicloud-vpn:hypermotion.hub.gatewayVswitch = \"vpn-x\": no vSwitch of this name in the site's vswitches. Allowed: ack-workers-h, ack-workers-i, vpn-h, vpn-i. Fix: set alicloud-vpn:hypermotion.hub.gatewayVswitch to the name of one of alicloud-vpn:hypermotion.hub.vswitches.",
        ] },
    { name: "disaster-recovery vSwitch name unknown", edit: set((c) => (c.hub.disasterRecoveryVswitch = "vpn-z")), errors: [
            "error alicloud-vpn:hypermotion.hub.disasterRecoveryVswitch = \"vpn-z\": no vSwitch of this name in the site's vswitches. Allowed: ack-workers-h, ack-workers-i, vpn-h, vpn-i. Fix: set alicloud-vpn:hypermotion.hub.disasterRecoveryVswitch to the name of one of alicloud-vpn:hypermotion.hub.vswitches.",
        ] },
    { name: "misspelt key under hub", edit: set((c) => (c.hub.bandwith = 5)), errors: [
            "error alicloud-vpn:hypermotion.hub: Unrecognized key(s) in object: 'bandwith'. Fix: remove or correct the key(s) bandwith under alicloud-vpn:hypermotion.hub.",
        ] },
    { name: "bandwidth as a string", edit: set((c) => (c.hub.bandwidth = "5")), errors: [
            "error alicloud-vpn:hypermotion.hub.bandwidth = \"5\": \"5\" is not a number. Fix: write alicloud-vpn:hypermotion.hub.bandwidth: 5 (a number, without quotes).",
        ] },
    { name: "tunnel mode not dual or single", edit: set((c) => (c.hub.tunnelMode = "triple")), errors: [
            "error alicloud-vpn:hypermotion.hub.tunnelMode = \"triple\": \"triple\" is not one of the allowed values. Allowed: dual, single. Fix: set alicloud-vpn:hypermotion.hub.tunnelMode to one of dual, single.",
        ] },
    { name: "no vSwitches", edit: set((c) => (c.hub.vswitches = [])), errors: [
            "error alicloud-vpn:hypermotion.hub.vswitches = []: Array must contain at least 1 element(s). Fix: correct alicloud-vpn:hypermotion.hub.vswitches in Pulumi.<stack>.yaml.",
        ] },
    { name: "peer device not supported", edit: set((c) => (c.office.device = "juniper-srx")), errors: [
            "error alicloud-vpn:hypermotion.office.device = \"juniper-srx\": \"juniper-srx\" is not one of the allowed values. Allowed: strongswan, libreswan, h3c-comware, h3c-er, cisco-ios, huawei-vrp. Fix: set alicloud-vpn:hypermotion.office.device to one of strongswan, libreswan, h3c-comware, h3c-er, cisco-ios, huawei-vrp.",
        ] },
    { name: "OpenStack networks missing", edit: set((c) => delete c.office.openstack), errors: [
            "error alicloud-vpn:hypermotion.office.openstack: required. Fix: add alicloud-vpn:hypermotion.office.openstack to Pulumi.<stack>.yaml (see the committed samples).",
        ] },
    { name: "cluster pod CIDR as a number", edit: set((c) => (c.cluster.podCidr = 172)), errors: [
            "error alicloud-vpn:hypermotion.cluster.podCidr = 172: 172 is not a string. Fix: quote it: alicloud-vpn:hypermotion.cluster.podCidr: \"172\".",
        ] },
    { name: "the whole hypermotion key missing", edit: () => undefined, errors: [
            "error alicloud-vpn:hypermotion: the stack config has no such key. Fix: add alicloud-vpn:hypermotion to Pulumi.<stack>.yaml (see the committed samples).",
        ] },
    // the office link: values Alibaba refuses, weak crypto, IKEv1
    { name: "peer address incomplete", edit: set((c) => (c.office.peerPublicIp = "203.0.113")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerPublicIp = \"203.0.113\": the customer gateway needs the peer's fixed public IPv4 address. Fix: set alicloud-vpn:hypermotion.office.peerPublicIp to the public address of the peer's WAN interface, e.g. 203.0.113.10.",
        ] },
    { name: "IKE version ikev3", edit: set((c) => (c.office.profile.ike.version = "ikev3")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.version = \"ikev3\": Alibaba Cloud does not accept this IKE version. Allowed: ikev1, ikev2. Fix: set alicloud-vpn:hypermotion.office.profile.ike.version to one of ikev1, ikev2.",
        ] },
    { name: "IKE mode quick", edit: set((c) => (c.office.profile.ike.mode = "quick")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.mode = \"quick\": Alibaba Cloud does not accept this IKE negotiation mode. Allowed: main, aggressive. Fix: set alicloud-vpn:hypermotion.office.profile.ike.mode to one of main, aggressive.",
        ] },
    { name: "phase 1 encryption aes512", edit: set((c) => (c.office.profile.ike.encryption = "aes512")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.encryption = \"aes512\": Alibaba Cloud does not accept this phase 1 encryption algorithm. Allowed: aes, aes192, aes256, des, 3des. Fix: set alicloud-vpn:hypermotion.office.profile.ike.encryption to one of aes, aes192, aes256, des, 3des.",
        ] },
    { name: "phase 1 integrity sha3", edit: set((c) => (c.office.profile.ike.integrity = "sha3")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.integrity = \"sha3\": Alibaba Cloud does not accept this phase 1 integrity algorithm. Allowed: md5, sha1, sha256, sha384, sha512. Fix: set alicloud-vpn:hypermotion.office.profile.ike.integrity to one of md5, sha1, sha256, sha384, sha512.",
        ] },
    { name: "phase 1 DH group3", edit: set((c) => (c.office.profile.ike.dhGroup = "group3")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.dhGroup = \"group3\": Alibaba Cloud does not accept this phase 1 DH group. Allowed: group1, group2, group5, group14. Fix: set alicloud-vpn:hypermotion.office.profile.ike.dhGroup to one of group1, group2, group5, group14.",
        ] },
    { name: "phase 2 PFS group24", edit: set((c) => (c.office.profile.ipsec.pfs = "group24")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ipsec.pfs = \"group24\": Alibaba Cloud does not accept this phase 2 PFS group. Allowed: disabled, group1, group2, group5, group14. Fix: set alicloud-vpn:hypermotion.office.profile.ipsec.pfs to one of disabled, group1, group2, group5, group14.",
        ] },
    { name: "phase 1 lifetime over 86400 s", edit: set((c) => (c.office.profile.ike.lifetimeSeconds = 90000)), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.lifetimeSeconds = 90000: Alibaba Cloud accepts SA lifetimes from 0 to 86400 seconds. Allowed: whole seconds from 0 to 86400. Fix: set alicloud-vpn:hypermotion.office.profile.ike.lifetimeSeconds to a whole number of seconds, at most 86400 (86400 = 24 h).",
        ] },
    { name: "phase 2 lifetime negative", edit: set((c) => (c.office.profile.ipsec.lifetimeSeconds = -1)), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ipsec.lifetimeSeconds = -1: Alibaba Cloud accepts SA lifetimes from 0 to 86400 seconds. Allowed: whole seconds from 0 to 86400. Fix: set alicloud-vpn:hypermotion.office.profile.ipsec.lifetimeSeconds to a whole number of seconds, at most 86400 (86400 = 24 h).",
        ] },
    { name: "local id over 100 characters", edit: set((c) => (c.office.profile.localId = "h".repeat(101))), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.localId = \"hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh\": Alibaba Cloud limits IKE identities to 100 characters. Allowed: 1 to 100 characters without spaces. Fix: shorten alicloud-vpn:hypermotion.office.profile.localId, or leave it out to use the public IP address as the identity.",
        ] },
    { name: "remote id with a space", edit: set((c) => (c.office.profile.remoteId = "office router")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.remoteId = \"office router\": Alibaba Cloud limits IKE identities to 100 characters. Allowed: 1 to 100 characters without spaces. Fix: shorten alicloud-vpn:hypermotion.office.profile.remoteId, or leave it out to use the public IP address as the identity.",
        ] },
    { name: "DH2 without the opt-in", edit: set((c) => delete c.office.profile.weakCryptoOptIn), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.dhGroup = \"group2\": group2 (MODP-1024) is weak and refused without an explicit opt-in. Fix: set alicloud-vpn:hypermotion.office.profile.ike.dhGroup to group14 on both ends, or, if the peer can do no better, set alicloud-vpn:hypermotion.office.profile.weakCryptoOptIn.reason to say why.",
            "error [office] alicloud-vpn:hypermotion.office.profile.ipsec.pfs = \"group2\": group2 (MODP-1024) is weak and refused without an explicit opt-in. Fix: set alicloud-vpn:hypermotion.office.profile.ipsec.pfs to group14 on both ends, or, if the peer can do no better, set alicloud-vpn:hypermotion.office.profile.weakCryptoOptIn.reason to say why.",
        ] },
    { name: "opt-in without a reason", edit: set((c) => (c.office.profile.weakCryptoOptIn.reason = "old")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.weakCryptoOptIn.reason = \"old\": an opt-in to weak algorithms must say why (it is read in reviews). Fix: set alicloud-vpn:hypermotion.office.profile.weakCryptoOptIn.reason to a sentence naming the peer's limitation, e.g. \"the office H3C ER3200G2 offers only DH2\".",
        ] },
    { name: "IKEv2 on the H3C ER", edit: set((c) => (c.office.profile.ike.version = "ikev2")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.version = \"ikev2\": the peer platform h3c-er cannot be configured for this link. Fix: the H3C ER series speaks IKEv1 only: set profile.ike.version to ikev1, or use a Comware V7 device (platform h3c-comware) for IKEv2.",
        ] },
    { name: "IKEv1 with two remote subnets", edit: set((c) => (c.office.peerSubnets = ["192.168.10.0/24", "192.168.11.0/24"])), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.version = \"ikev1\": IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2. Allowed: ikev2. Fix: set alicloud-vpn:hypermotion.office.profile.ike.version to ikev2, or split the link into one connection per CIDR pair.",
        ] },
    { name: "IKEv1 with two local subnets", edit: set((c) => (c.office.alibabaSubnets = ["172.16.1.0/24", "172.16.2.0/24"])), errors: [
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.version = \"ikev1\": IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2. Allowed: ikev2. Fix: set alicloud-vpn:hypermotion.office.profile.ike.version to ikev2, or split the link into one connection per CIDR pair.",
        ] },
    {
        name: "eleven remote subnets",
        edit: set((c) => (c.office.peerSubnets = Array.from({ length: 11 }, (_, i) => `192.168.${10 + i}.0/24`))),
        errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets = [\"192.168.10.0/24\",\"192.168.11.0/24\",\"192.168.12.0/24\",\"192.168.13.0/24\",\"192.168.14.0/24\",\"192.168.15.0/24\",\"192.168.16.0/24\",\"192.168.17.0/24\",\"192.168.18.0/24\",\"192.168.19.0/24\",\"192.168.20.0/24\"]: an IPsec connection's remote subnets takes 1 to 10 CIDR blocks. Allowed: 1 to 10 CIDR blocks. Fix: summarise alicloud-vpn:hypermotion.office.peerSubnets into at most 10 blocks: [192.168.10.0/23, 192.168.12.0/22, 192.168.16.0/22, 192.168.20.0/24] covers exactly the same addresses in 4.",
            "error [office] alicloud-vpn:hypermotion.office.profile.ike.version = \"ikev1\": IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2. Allowed: ikev2. Fix: set alicloud-vpn:hypermotion.office.profile.ike.version to ikev2, or split the link into one connection per CIDR pair.",
        ] },
    { name: "remote subnet 0.0.0.0/0", edit: set((c) => (c.office.peerSubnets = ["0.0.0.0/0"])), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets = \"0.0.0.0/0\": the peer network 0.0.0.0/0 overlaps the Alibaba-side network 172.16.0.0/16; routes on both ends would point into themselves. Fix: renumber one side (e.g. move the peer network to a block neither side uses), or narrow alicloud-vpn:hypermotion.office.peerSubnets so it does not include 172.16.0.0/16.",
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets[0] = \"0.0.0.0/0\": the VPN gateway cannot route to 0.0.0.0/0: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: list the peer's real networks in alicloud-vpn:hypermotion.office.peerSubnets instead of 0.0.0.0/0.",
        ] },
    { name: "remote subnet inside 100.64.0.0/10", edit: set((c) => (c.office.peerSubnets = ["100.64.10.0/24"])), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets[0] = \"100.64.10.0/24\": the VPN gateway cannot route to 100.64.10.0/24: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: list the peer's real networks in alicloud-vpn:hypermotion.office.peerSubnets instead of 100.64.10.0/24.",
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.controlNetwork = \"192.168.10.0/24\": the VPC routes 192.168.10.0/24 to the VPN gateway, but connection office's remote subnets (100.64.10.0/24) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 192.168.10.0/24 to alicloud-vpn:hypermotion.office.peerSubnets; or remove the route.",
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"192.168.11.0/24\": the VPC routes 192.168.11.0/24 to the VPN gateway, but connection office's remote subnets (100.64.10.0/24) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 192.168.11.0/24 to alicloud-vpn:hypermotion.office.peerSubnets; or remove the route.",
        ] },
    { name: "remote subnet overlapping the VPC", edit: set((c) => (c.office.peerSubnets = ["172.16.5.0/24"])), errors: [
            "error [office] alicloud-vpn:hypermotion.office.peerSubnets = \"172.16.5.0/24\": the peer network 172.16.5.0/24 overlaps the Alibaba-side network 172.16.0.0/16; routes on both ends would point into themselves. Fix: renumber one side (e.g. move the peer network to 10.0.0.0/24), or narrow alicloud-vpn:hypermotion.office.peerSubnets so it does not include 172.16.0.0/16, or keep both and translate: set alicloud-vpn:hypermotion.office.translation to { alibabaBlock: \"172.21.16.0/24\", peerBlock: \"172.21.17.0/24\" } (a VPC NAT gateway presents 172.16.0.0/16 as 172.21.16.0/24, the peer maps its 172.16.5.0/24 to 172.21.17.0/24; list the VPC hosts the peer must reach in alicloud-vpn:hypermotion.office.translation.exposedHosts).",
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.controlNetwork = \"192.168.10.0/24\": the VPC routes 192.168.10.0/24 to the VPN gateway, but connection office's remote subnets (172.16.5.0/24) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 192.168.10.0/24 to alicloud-vpn:hypermotion.office.peerSubnets; or remove the route.",
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"192.168.11.0/24\": the VPC routes 192.168.11.0/24 to the VPN gateway, but connection office's remote subnets (172.16.5.0/24) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 192.168.11.0/24 to alicloud-vpn:hypermotion.office.peerSubnets; or remove the route.",
        ] },
    // the network: routes against selectors (seed 004), overlaps (seed 001)
    { name: "floating-IP network routed but not in the remote subnets (seed 004)", edit: set((c) => (c.office.peerSubnets = ["192.168.10.0/24"])), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"192.168.11.0/24\": the VPC routes 192.168.11.0/24 to the VPN gateway, but connection office's remote subnets (192.168.10.0/24) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 192.168.11.0/24 to alicloud-vpn:hypermotion.office.peerSubnets, or replace alicloud-vpn:hypermotion.office.peerSubnets with one block covering it all, e.g. 192.168.10.0/23 (IKEv1 carries one selector pair); or remove the route.",
        ] },
    { name: "worker vSwitch outside the local subnets (seed 004, case 1)", edit: set((c) => (c.office.alibabaSubnets = ["172.16.1.0/24"])), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.office.alibabaSubnets = \"172.16.2.0/24\": traffic from 172.16.2.0/24 (alicloud-vpn:hypermotion.hub.vswitches[1].cidr) to 192.168.10.0/24 is routed to the VPN gateway, but connection office's local subnets (172.16.1.0/24) do not cover its source; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1: 10.64.3.22 outside 10.16.0.0/16). Fix: add 172.16.2.0/24 to alicloud-vpn:hypermotion.office.alibabaSubnets, or replace alicloud-vpn:hypermotion.office.alibabaSubnets with one block covering it all, e.g. 172.16.0.0/22 (IKEv1 carries one selector pair).",
        ] },
    { name: "local subnets outside the VPC entirely", edit: set((c) => (c.office.alibabaSubnets = ["10.0.0.0/16"])), errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.office.alibabaSubnets = \"172.16.1.0/24\": traffic from 172.16.1.0/24 (alicloud-vpn:hypermotion.hub.vswitches[0].cidr) to 192.168.10.0/24 is routed to the VPN gateway, but connection office's local subnets (10.0.0.0/16) do not cover its source; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1: 10.64.3.22 outside 10.16.0.0/16). Fix: add 172.16.1.0/24 to alicloud-vpn:hypermotion.office.alibabaSubnets.",
            "error [hypermotion] alicloud-vpn:hypermotion.office.alibabaSubnets = \"172.16.2.0/24\": traffic from 172.16.2.0/24 (alicloud-vpn:hypermotion.hub.vswitches[1].cidr) to 192.168.10.0/24 is routed to the VPN gateway, but connection office's local subnets (10.0.0.0/16) do not cover its source; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1: 10.64.3.22 outside 10.16.0.0/16). Fix: add 172.16.2.0/24 to alicloud-vpn:hypermotion.office.alibabaSubnets.",
        ] },
    { name: "OpenStack network inside the VPC (seed 001)", edit: set((c) => (c.office.openstack.controlNetwork = "172.16.10.0/24")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.openstack.controlNetwork = \"172.16.10.0/24\": overlaps hypermotion's 172.16.0.0/16 (alicloud-vpn:hypermotion.hub.vpcCidr); each end would route the other's addresses to itself, so traffic between them never enters a tunnel. Fix: renumber one side: move alicloud-vpn:hypermotion.office.openstack.controlNetwork to a block no other site uses (e.g. 172.21.16.0/24), or move alicloud-vpn:hypermotion.hub.vpcCidr.",
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.controlNetwork = \"172.16.10.0/24\": the VPC routes 172.16.10.0/24 to the VPN gateway, but connection office's remote subnets (192.168.10.0/23) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 172.16.10.0/24 to alicloud-vpn:hypermotion.office.peerSubnets; or remove the route.",
        ] },
    { name: "OpenStack network that is not a CIDR", edit: set((c) => (c.office.openstack.floatingIpNetwork = "192.168.11.0/33")), errors: [
            "error [office] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"192.168.11.0/33\": the prefix length must be between 0 and 32. Fix: write alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork as network/prefix, e.g. 192.168.10.0/24.",
        ] },
    {
        name: "OpenStack network moved outside the summarised remote subnet",
        edit: set((c) => (c.office.openstack.floatingIpNetwork = "192.168.12.0/24")),
        errors: [
            "error [hypermotion] alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork = \"192.168.12.0/24\": the VPC routes 192.168.12.0/24 to the VPN gateway, but connection office's remote subnets (192.168.10.0/23) do not cover it; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1). Fix: add 192.168.12.0/24 to alicloud-vpn:hypermotion.office.peerSubnets, or replace alicloud-vpn:hypermotion.office.peerSubnets with one block covering it all, e.g. 192.168.8.0/21 (IKEv1 carries one selector pair); or remove the route.",
        ],
    },
    { name: "cluster Service CIDR that is not a CIDR", edit: set((c) => (c.cluster.serviceCidr = "172.21.0.0/40")), errors: [
            "error alicloud-vpn:hypermotion.cluster.serviceCidr = \"172.21.0.0/40\": the prefix length must be between 0 and 32. Fix: write alicloud-vpn:hypermotion.cluster.serviceCidr as network/prefix, e.g. 192.168.10.0/24.",
        ] },
];

export const COMPONENT_CASES: ComponentCase[] = [
    // issue 12
    { name: "SiteToSiteLink: private peer address", link: link({ peerPublicIp: "172.16.0.1" }), errors: [
            "error [dc] dc.peerPublicIp = \"172.16.0.1\": 172.16.0.1 is a private address (RFC 1918), not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set dc.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "SiteToSiteLink: peer address in 100.64.0.0/10", link: link({ peerPublicIp: "100.100.1.1" }), errors: [
            "error [dc] dc.peerPublicIp = \"100.100.1.1\": 100.100.1.1 is a shared address (100.64.0.0/10, carrier-grade NAT), not reachable from the Internet: the VPN gateway could never reach the peer. Fix: set dc.peerPublicIp to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.",
        ] },
    { name: "SiteToSiteLink: destination routing to 0.0.0.0/0", link: link({ routingMode: "destination", peerSubnets: ["0.0.0.0/0"] }), errors: [
            "error [dc] dc.peerSubnets[0] = \"0.0.0.0/0\": the VPN gateway cannot route to 0.0.0.0/0: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: list the peer's real networks in dc.peerSubnets instead of 0.0.0.0/0.",
        ] },
    { name: "SiteToSiteLink: destination routing into 100.64.0.0/10", link: link({ routingMode: "destination", peerSubnets: ["100.100.0.0/16"] }), errors: [
            "error [dc] dc.peerSubnets[0] = \"100.100.0.0/16\": the VPN gateway cannot route to 100.100.0.0/16: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: list the peer's real networks in dc.peerSubnets instead of 100.100.0.0/16.",
        ] },
    { name: "SiteToSiteLink: destination routing to 100.64.0.0/10 itself", link: link({ routingMode: "destination", peerSubnets: ["192.168.50.0/24", "100.64.0.0/10"] }), errors: [
            "error [dc] dc.peerSubnets[1] = \"100.64.0.0/10\": the VPN gateway cannot route to 100.64.0.0/10: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: list the peer's real networks in dc.peerSubnets instead of 100.64.0.0/10.",
        ] },
    { name: "SiteToSiteLink: destination routing, host bits", link: link({ routingMode: "destination", peerSubnets: ["192.168.50.1/24"] }), errors: [
            "error [dc] dc.peerSubnets[0] = \"192.168.50.1/24\": the address has host bits set beyond the prefix; Alibaba rejects it and peers disagree on what it means. Fix: write 192.168.50.0/24 instead of 192.168.50.1/24.",
        ] },
    { name: "SiteToSiteLink: destination routing, gateway route to 0.0.0.0/0", link: link({ routingMode: "destination", gatewayRouteDestinations: ["0.0.0.0/0"] }), errors: [
            "error [dc] dc.gatewayRouteDestinations[0] = \"0.0.0.0/0\": the VPN gateway cannot route to 0.0.0.0/0: destinations may not be 0.0.0.0/0 or overlap 100.64.0.0/10. Fix: route the peer's real networks instead of 0.0.0.0/0.",
        ] },
    { name: "SiteToSiteLink: VPC route over Alibaba's service addresses", link: link({ routingMode: "destination", peerSubnets: ["192.168.50.0/24"], vpcRouteDestinations: ["100.100.5.0/24"] }), errors: [
            "error [dc] dc.vpcRouteDestinations[0] = \"100.100.5.0/24\": a VPC route to 100.100.5.0/24 would send the VPC's traffic to Alibaba's own services (100.100.0.0/16: DNS 100.100.2.136, metadata 100.100.100.200) away from them. Fix: renumber that network out of 100.64.0.0/10 (into 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), or leave it out of dc.vpcRouteDestinations.",
        ] },
    { name: "SiteToSiteLink: the same peer network twice", link: link({ peerSubnets: ["192.168.50.0/24", "192.168.50.0/24"] }), errors: [
            "error [dc] dc.peerSubnets[1] = \"192.168.50.0/24\": the same network as dc.peerSubnets[0] (192.168.50.0/24); its routes would be created twice and Alibaba refuses the second. Fix: remove dc.peerSubnets[1], or correct it to the network it was meant to be.",
        ] },
    { name: "SiteToSiteLink: the same VPC route twice", link: link({ vpcRouteDestinations: ["192.168.50.0/24", "192.168.50.0/24"] }), errors: [
            "error [dc] dc.vpcRouteDestinations[1] = \"192.168.50.0/24\": the same network as dc.vpcRouteDestinations[0] (192.168.50.0/24); its routes would be created twice and Alibaba refuses the second. Fix: remove dc.vpcRouteDestinations[1], or correct it to the network it was meant to be.",
        ] },
    { name: "SiteToSiteLink: VPC route with host bits", link: link({ vpcRouteDestinations: ["192.168.50.7/24"] }), errors: [
            "error [dc] dc.vpcRouteDestinations[0] = \"192.168.50.7/24\": the address has host bits set beyond the prefix; the network is 192.168.50.0/24. Fix: write 192.168.50.0/24 instead of 192.168.50.7/24.",
        ] },
    { name: "SiteToSiteLink: eleven remote subnets that do not merge", link: link({ peerSubnets: Array.from({ length: 11 }, (_, i) => `192.168.${i * 2}.0/24`) }), errors: [
            "error [dc] dc.peerSubnets = [\"192.168.0.0/24\",\"192.168.2.0/24\",\"192.168.4.0/24\",\"192.168.6.0/24\",\"192.168.8.0/24\",\"192.168.10.0/24\",\"192.168.12.0/24\",\"192.168.14.0/24\",\"192.168.16.0/24\",\"192.168.18.0/24\",\"192.168.20.0/24\"]: an IPsec connection's remote subnets takes 1 to 10 CIDR blocks. Allowed: 1 to 10 CIDR blocks. Fix: summarise dc.peerSubnets into at most 10 blocks (they do not merge into 10 as written), or set dc.routingMode: destination.",
        ] },
    { name: "SiteToSiteLink: peer network overlapping the VPC", link: link({ peerSubnets: ["10.10.5.0/24"] }), errors: [
            "error [dc] dc.peerSubnets = \"10.10.5.0/24\": the peer network 10.10.5.0/24 overlaps the Alibaba-side network 10.10.0.0/16; routes on both ends would point into themselves. Fix: renumber one side (e.g. move the peer network to 10.0.0.0/24), or narrow dc.peerSubnets so it does not include 10.10.0.0/16.",
        ] },
    { name: "VpnHub: VPC block inside 100.64.0.0/10", hub: hubArgs({ vpcCidr: "100.64.0.0/16", vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "100.64.1.0/24" }, { zoneId: "cn-hangzhou-i", cidr: "100.64.2.0/24" }] }), errors: [
            "error [hub] hub.vpcCidr = \"100.64.0.0/16\": the block overlaps 100.64.0.0/10, which Alibaba reserves; CreateVpc refuses it. Fix: choose hub.vpcCidr in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.",
        ] },
    { name: "VpnHub: VPC block in loopback space", hub: hubArgs({ vpcCidr: "127.0.0.0/16", vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "127.0.1.0/24" }, { zoneId: "cn-hangzhou-i", cidr: "127.0.2.0/24" }] }), errors: [
            "error [hub] hub.vpcCidr = \"127.0.0.0/16\": the block overlaps 127.0.0.0/8, which Alibaba reserves; CreateVpc refuses it. Fix: choose hub.vpcCidr in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.",
        ] },
    { name: "VpnHub: bandwidth as a string", hub: hubArgs({ bandwidth: "10" as unknown as number }), errors: [
            "error [hub] hub.bandwidth = \"10\": the bandwidth must be a number of Mbit/s, not a string. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: write hub.bandwidth: 10 without quotes.",
        ] },
    { name: "VpnHub: single-tunnel gateway in Hangzhou", hub: hubArgs({ tunnelMode: "single" }), errors: [
            "error [hub] hub.tunnelMode = \"single\": a VPN gateway bought in cn-hangzhou today accepts only dual-tunnel connections; single-tunnel gateways exist only as gateways bought before dual-tunnel support. Allowed: dual. Fix: set hub.tunnelMode: dual with the gateway and disaster-recovery vSwitches in two of cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k.",
        ] },
    { name: "VpnHub: gateway vSwitch in Tokyo's zone d", hub: hubArgs({ vswitches: [{ zoneId: "ap-northeast-1d", cidr: "10.10.1.0/24" }, { zoneId: "ap-northeast-1a", cidr: "10.10.2.0/24" }] }), errors: [
            "error [hub] hub.vswitches[0].zoneId = \"ap-northeast-1d\": Alibaba sells no VPN gateway in zone ap-northeast-1d. Allowed: ap-northeast-1a, ap-northeast-1b, ap-northeast-1c. Fix: put the gateway's vSwitch in one of ap-northeast-1a, ap-northeast-1b, ap-northeast-1c.",
        ] },
    { name: "VpnHub: bandwidth 1500", hub: hubArgs({ bandwidth: 1500 }), errors: [
            "error [hub] hub.bandwidth = 1500: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set hub.bandwidth to the next specification up, e.g. 1000.",
        ] },
    { name: "VpnHub: bandwidth 0", hub: hubArgs({ bandwidth: 0 }), errors: [
            "error [hub] hub.bandwidth = 0: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set hub.bandwidth to the next specification up, e.g. 5.",
        ] },
    { name: "VpnHub: VPC block /7", hub: hubArgs({ vpcCidr: "10.0.0.0/7" }), errors: [
            "error [hub] hub.vpcCidr = \"10.0.0.0/7\": Alibaba accepts VPC blocks from /8 to /28 written as their network address. Allowed: a network address with a /8 to /28 prefix, e.g. 172.16.0.0/16. Fix: set hub.vpcCidr to a block such as 172.16.0.0/16.",
        ] },
    { name: "VpnHub: vSwitch /30", hub: hubArgs({ vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/30" }, { zoneId: "cn-hangzhou-i", cidr: "10.10.2.0/24" }] }), errors: [
            "error [hub] hub.vswitches[0].cidr = \"10.10.1.0/30\": Alibaba accepts vSwitch blocks from /16 to /29 written as their network address. Allowed: a network address with a /16 to /29 prefix inside the VPC. Fix: set hub.vswitches[0].cidr to a /16../29 network inside 10.10.0.0/16.",
        ] },
    { name: "VpnHub: one zone for a dual-tunnel gateway", hub: hubArgs({ vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" }] }), errors: [
            "error [hub] hub.vswitches = [\"cn-hangzhou-h\"]: a dual-tunnel VPN gateway needs a vSwitch and a disaster-recovery vSwitch in two different zones. Fix: add a vSwitch in a second zone to hub.vswitches, or set hub.tunnelMode: single for a legacy gateway.",
        ] },
    { name: "SiteToSiteLink: PSK with a space", link: link({ psks: ["two words"] }), errors: [
            "error [dc] dc.psks[0] = \"[secret]\": Alibaba Cloud rejects this pre-shared key. Allowed: 1 to 100 letters, digits or ~`!@#$%^&*()_-+={}[]\\|;:',.<>/? (no spaces). Fix: set dc.psks[0] to 1-100 characters without spaces, or leave it unset to generate one.",
        ] },
    { name: "SiteToSiteLink: PSK of 101 characters", link: link({ psks: ["k".repeat(101)] }), errors: [
            "error [dc] dc.psks[0] = \"[secret]\": Alibaba Cloud rejects this pre-shared key. Allowed: 1 to 100 letters, digits or ~`!@#$%^&*()_-+={}[]\\|;:',.<>/? (no spaces). Fix: set dc.psks[0] to 1-100 characters without spaces, or leave it unset to generate one.",
        ] },
    { name: "SiteToSiteLink: VPC route outside the remote subnets (seed 004)", link: link({ vpcRouteDestinations: ["192.168.50.0/24", "10.64.3.0/24"] }), errors: [
            "error [dc] dc.vpcRouteDestinations[1] = \"10.64.3.0/24\": the VPC would route 10.64.3.0/24 to the VPN gateway, but the connection's remote subnets (192.168.50.0/24) do not cover it; the gateway would not encrypt it and the packets would loop until their TTL expires (seed 004). Fix: add 10.64.3.0/24 (or a block containing it) to dc.peerSubnets, or remove it from dc.vpcRouteDestinations.",
        ] },
    { name: "SiteToSiteLink: no remote subnets", link: link({ peerSubnets: [] }), errors: [
            "error [dc] dc.peerSubnets = []: an IPsec connection's remote subnets takes 1 to 10 CIDR blocks. Allowed: 1 to 10 CIDR blocks. Fix: list the networks the tunnel must carry in dc.peerSubnets.",
        ] },
    { name: "SiteToSiteLink: eleven local subnets", link: link({ alibabaSubnets: Array.from({ length: 11 }, (_, i) => `10.10.${i}.0/24`) }), errors: [
            "error [dc] dc.alibabaSubnets = [\"10.10.0.0/24\",\"10.10.1.0/24\",\"10.10.2.0/24\",\"10.10.3.0/24\",\"10.10.4.0/24\",\"10.10.5.0/24\",\"10.10.6.0/24\",\"10.10.7.0/24\",\"10.10.8.0/24\",\"10.10.9.0/24\",\"10.10.10.0/24\"]: an IPsec connection's local subnets takes 1 to 10 CIDR blocks. Allowed: 1 to 10 CIDR blocks. Fix: summarise dc.alibabaSubnets into at most 10 blocks: [10.10.0.0/21, 10.10.8.0/23, 10.10.10.0/24] covers exactly the same addresses in 3.",
        ] },
    { name: "SiteToSiteLink: des without opt-in", link: link({ profile: { ipsec: { encryption: "des" } } }), errors: [
            "error [dc] dc.profile.ipsec.encryption = \"des\": DES is weak and refused without an explicit opt-in. Fix: set dc.profile.ipsec.encryption to aes256 on both ends, or, if the peer can do no better, set dc.profile.weakCryptoOptIn.reason to say why.",
        ] },
    { name: "SiteToSiteLink: md5 unset opt-in reason", link: link({ profile: { ike: { integrity: "md5" }, weakCryptoOptIn: { reason: "" } } }), errors: [
            "error [dc] dc.profile.weakCryptoOptIn.reason = \"\": an opt-in to weak algorithms must say why (it is read in reviews). Fix: set dc.profile.weakCryptoOptIn.reason to a sentence naming the peer's limitation, e.g. \"the office H3C ER3200G2 offers only DH2\".",
        ] },
    {
        name: "SiteToSiteLink: libreswan asked for with group2",
        link: link({ peerPlatforms: ["libreswan"], profile: { ike: { dhGroup: "group2" }, weakCryptoOptIn: { reason: "the peer only offers modp1024" } } }),
        errors: [
            "error [dc] dc.profile.ike.dhGroup = \"group2\": the peer platform libreswan cannot be configured for this link. Fix: libreswan 4.x is built without modp1024; use group14 on both ends, or the strongSwan renderer.",
        ],
    },
];

/** Cases on the hub-and-spoke sample (Pulumi.hub-and-spoke-dev.yaml edited). */
export const HUB_AND_SPOKE_CASES: HypermotionCase[] = [
    // issue 12
    { name: "hub-and-spoke: a spoke reuses the hub's vSwitch names", edit: set((c) => {
        c.spokes[0].vswitches[0].name = "tokyo-a";
        c.spokes[0].vswitches[1].name = "tokyo-b";
        c.spokes[0].gatewayVswitch = "tokyo-a";
    }), errors: [
            "error [shanghai] alicloud-vpn:hub-and-spoke.spokes[0].vswitches[0].name = \"tokyo-a\": alicloud-vpn:hub-and-spoke.hub.vswitches[0].name (site tokyo) already has this name; both vSwitch resources would get one URN, which Pulumi refuses. Fix: rename alicloud-vpn:hub-and-spoke.spokes[0].vswitches[0].name, e.g. to \"shanghai-tokyo-a\".",
            "error [shanghai] alicloud-vpn:hub-and-spoke.spokes[0].vswitches[1].name = \"tokyo-b\": alicloud-vpn:hub-and-spoke.hub.vswitches[1].name (site tokyo) already has this name; both vSwitch resources would get one URN, which Pulumi refuses. Fix: rename alicloud-vpn:hub-and-spoke.spokes[0].vswitches[1].name, e.g. to \"shanghai-tokyo-b\".",
        ] },
    { name: "hub-and-spoke: two vSwitches of one spoke with one name", edit: set((c) => (c.spokes[1].vswitches[1].name = "beijing-h")), errors: [
            "error [beijing] alicloud-vpn:hub-and-spoke.spokes[1].vswitches[1].name = \"beijing-h\": alicloud-vpn:hub-and-spoke.spokes[1].vswitches[0].name already has this name; both vSwitch resources would get one URN, which Pulumi refuses. Fix: rename alicloud-vpn:hub-and-spoke.spokes[1].vswitches[1].name, e.g. to \"beijing-beijing-h\".",
        ] },
    { name: "hub-and-spoke: spoke VPC inside 100.64.0.0/10", edit: set((c) => {
        c.spokes[1].vpcCidr = "100.65.0.0/16";
        c.spokes[1].vswitches[0].cidr = "100.65.1.0/24";
        c.spokes[1].vswitches[1].cidr = "100.65.2.0/24";
    }), errors: [
            "error [beijing] alicloud-vpn:hub-and-spoke.spokes[1].vpcCidr = \"100.65.0.0/16\": the block overlaps 100.64.0.0/10, which Alibaba reserves; CreateVpc refuses it. Fix: choose alicloud-vpn:hub-and-spoke.spokes[1].vpcCidr in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.16.0.0/16.",
        ] },
    { name: "hub-and-spoke: hub bandwidth as a string", edit: set((c) => (c.hub.bandwidth = "10")), errors: [
            "error alicloud-vpn:hub-and-spoke.hub.bandwidth = \"10\": \"10\" is not a number. Fix: write alicloud-vpn:hub-and-spoke.hub.bandwidth: 10 (a number, without quotes).",
        ] },
    { name: "hub-and-spoke: no spokes", edit: set((c) => (c.spokes = [])), errors: [
            "error alicloud-vpn:hub-and-spoke.spokes = []: Array must contain at least 1 element(s). Fix: correct alicloud-vpn:hub-and-spoke.spokes in Pulumi.<stack>.yaml.",
        ] },
    { name: "hub-and-spoke: selectors value unknown", edit: set((c) => (c.selectors = "all")), errors: [
            "error alicloud-vpn:hub-and-spoke.selectors = \"all\": \"all\" is not one of the allowed values. Allowed: exact, any. Fix: set alicloud-vpn:hub-and-spoke.selectors to one of exact, any.",
        ] },
    { name: "hub-and-spoke: two spokes named alike", edit: set((c) => (c.spokes[1].name = "shanghai")), errors: [
            "error [shanghai] alicloud-vpn:hub-and-spoke.spokes[1].name = \"shanghai\": alicloud-vpn:hub-and-spoke.spokes[0].name has the same name; resource names would collide. Fix: give alicloud-vpn:hub-and-spoke.spokes[1].name a name of its own.",
        ] },
    { name: "hub-and-spoke: Beijing's VPC inside Shanghai's", edit: set((c) => {
        c.spokes[1].vpcCidr = "10.20.128.0/17";
        c.spokes[1].vswitches.forEach((v: any, i: number) => (v.cidr = `10.20.${129 + i}.0/24`));
    }), errors: [
            "error [beijing] alicloud-vpn:hub-and-spoke.spokes[1].vpcCidr = \"10.20.128.0/17\": overlaps alicloud-vpn:hub-and-spoke.spokes[0].vpcCidr (10.20.0.0/16) of shanghai; the hub could not tell which spoke a packet is for. Fix: give beijing a VPC block no other site uses, e.g. the next free /16 of your address plan.",
        ] },
    { name: "hub-and-spoke: spoke VPC written with host bits", edit: set((c) => (c.spokes[0].vpcCidr = "10.20.0.1/16")), errors: [
            "error [shanghai] alicloud-vpn:hub-and-spoke.spokes[0].vpcCidr = \"10.20.0.1/16\": Alibaba accepts VPC blocks from /8 to /28 written as their network address. Allowed: a network address with a /8 to /28 prefix, e.g. 172.16.0.0/16. Fix: write 10.20.0.0/16 instead.",
        ] },
    { name: "hub-and-spoke: Shanghai zone in Beijing", edit: set((c) => (c.spokes[0].vswitches[1].zoneId = "cn-beijing-i")), errors: [
            "error [shanghai] alicloud-vpn:hub-and-spoke.spokes[0].vswitches[1].zoneId = \"cn-beijing-i\": zone cn-beijing-i is in region cn-beijing, not in the site's region cn-shanghai. Fix: use a zone of cn-shanghai (VPN gateways: cn-shanghai-b, cn-shanghai-d, cn-shanghai-e, cn-shanghai-f, cn-shanghai-g, cn-shanghai-k, cn-shanghai-l, cn-shanghai-m, cn-shanghai-n), or correct alicloud-vpn:hub-and-spoke.spokes[0].region.",
        ] },
    { name: "hub-and-spoke: one spoke single-tunnel", edit: set((c) => (c.spokes[1].tunnelMode = "single")), errors: [
            "error [beijing] alicloud-vpn:hub-and-spoke.spokes[1].tunnelMode = \"single\": a VPN gateway bought in cn-beijing today accepts only dual-tunnel connections; single-tunnel gateways exist only as gateways bought before dual-tunnel support. Allowed: dual. Fix: set alicloud-vpn:hub-and-spoke.spokes[1].tunnelMode: dual with the gateway and disaster-recovery vSwitches in two of cn-beijing-a, cn-beijing-c, cn-beijing-e, cn-beijing-f, cn-beijing-g, cn-beijing-h, cn-beijing-i, cn-beijing-j, cn-beijing-k, cn-beijing-l.",
            "error alicloud-vpn:hub-and-spoke.spokes = [\"tokyo: dual\",\"shanghai: dual\",\"beijing: single\"]: every gateway of a hub-and-spoke must have the same tunnel mode: a dual-tunnel end pairs its master and slave tunnels with the other end's. Fix: set tunnelMode to the same value (dual, unless a site has a legacy single-tunnel gateway) on the hub and every spoke.",
        ] },
    { name: "hub-and-spoke: hub bandwidth 15 Mbit/s", edit: set((c) => (c.hub.bandwidth = 15)), errors: [
            "error [tokyo] alicloud-vpn:hub-and-spoke.hub.bandwidth = 15: Alibaba sells public VPN gateways only in these bandwidth specifications. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: set alicloud-vpn:hub-and-spoke.hub.bandwidth to the next specification up, e.g. 20.",
        ] },
    { name: "hub-and-spoke: IKEv1 with several remote blocks", edit: set((c) => (c.profile = { ike: { version: "ikev1" } })), errors: [
            "error [tokyo-to-shanghai] alicloud-vpn:hub-and-spoke.profile.ike.version = \"ikev1\": IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2. Allowed: ikev2. Fix: set alicloud-vpn:hub-and-spoke.profile.ike.version to ikev2, or split the link into one connection per CIDR pair.",
        ] },
    { name: "hub-and-spoke: DH group2 without opt-in", edit: set((c) => (c.profile = { ike: { dhGroup: "group2" } })), errors: [
            "error [tokyo-to-shanghai] alicloud-vpn:hub-and-spoke.profile.ike.dhGroup = \"group2\": group2 (MODP-1024) is weak and refused without an explicit opt-in. Fix: set alicloud-vpn:hub-and-spoke.profile.ike.dhGroup to group14 on both ends, or, if the peer can do no better, set alicloud-vpn:hub-and-spoke.profile.weakCryptoOptIn.reason to say why.",
        ] },
    { name: "hub-and-spoke: gateway vSwitch name unknown", edit: set((c) => (c.hub.gatewayVswitch = "tokyo-z")), errors: [
            "error alicloud-vpn:hub-and-spoke.hub.gatewayVswitch = \"tokyo-z\": no vSwitch of this name in the site's vswitches. Allowed: tokyo-a, tokyo-b. Fix: set alicloud-vpn:hub-and-spoke.hub.gatewayVswitch to the name of one of alicloud-vpn:hub-and-spoke.hub.vswitches.",
        ] },
    { name: "hub-and-spoke: both gateway vSwitches in one zone", edit: set((c) => (c.spokes[0].vswitches[1].zoneId = "cn-shanghai-e")), errors: [
            "error [shanghai] alicloud-vpn:hub-and-spoke.spokes[0].vswitches = [\"cn-shanghai-e\",\"cn-shanghai-e\"]: a dual-tunnel VPN gateway needs a vSwitch and a disaster-recovery vSwitch in two different zones. Fix: add a vSwitch in a second zone to alicloud-vpn:hub-and-spoke.spokes[0].vswitches, or set alicloud-vpn:hub-and-spoke.spokes[0].tunnelMode: single for a legacy gateway.",
        ] },
];
