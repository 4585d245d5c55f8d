"""The package from a Python program.

    pulumi package add <git url of this repository or a local path to it>

generates the `pulumi_alicloud_vpn` SDK from the package schema (tests/golden/schema.json); then `pulumi up`.
Enums are the schema's (IkeVersion, PeerPlatform, ...); plain strings work too.
"""
import pulumi
import pulumi_alicloud_vpn as vpn

site = vpn.VpnSite(
    "hypermotion",
    vpc_cidr="172.16.0.0/16",
    vswitches=[
        vpn.VswitchSpecArgs(name="ack-workers-h", zone_id="cn-hangzhou-h", cidr="172.16.1.0/24"),
        vpn.VswitchSpecArgs(name="ack-workers-i", zone_id="cn-hangzhou-i", cidr="172.16.2.0/24"),
    ],
    bandwidth=10,
    links=[
        vpn.VpnSiteLinkArgsArgs(
            name="office",
            peer_public_ip="203.0.113.10",
            peer_subnets=["192.168.10.0/24", "192.168.11.0/24"],
            peer_platforms=[vpn.PeerPlatform.STRONGSWAN],
        )
    ],
)

pulumi.export("vpn_gateway_id", site.vpn_gateway_id)
pulumi.export("gateway_ips", site.gateway_ips)
