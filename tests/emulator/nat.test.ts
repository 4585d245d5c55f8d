// The emulated VPC NAT gateway (emulator/nat.ts): realistic ids and outputs, and the documented refusals.
import * as assert from "node:assert/strict";
import * as alicloud from "@pulumi/alicloud";
import { TYPES } from "../../emulator";
import { emulate } from "../helpers";

function natGateway(vpcCidr = "10.0.0.0/16") {
    const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: vpcCidr });
    const vsw = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.255.32/28" });
    const ngw = new alicloud.vpc.NatGateway("ngw", {
        vpcId: vpc.id,
        vswitchId: vsw.id,
        networkType: "intranet",
        natType: "Enhanced",
        natGatewayName: "ngw",
    });
    return { vpc, vsw, ngw };
}

describe("emulator: VPC NAT gateway, NAT IPs, SNAT and DNAT entries", () => {
    it("creates them with Alibaba's id formats and the tables' ids", async () => {
        const emulator = await emulate(() => {
            const { ngw } = natGateway();
            const cidr = new alicloud.vpc.NatIpCidr("cidr", {
                natGatewayId: ngw.id,
                natIpCidr: "172.20.0.0/24",
                natIpCidrName: "translated",
            });
            const ip = new alicloud.vpc.NatIp("ip", { natGatewayId: ngw.id, natIpCidr: cidr.natIpCidr, natIp: "172.20.0.1" });
            const dnatIp = new alicloud.vpc.NatIp("dnat-ip", { natGatewayId: ngw.id, natIpCidr: cidr.natIpCidr, natIp: "172.20.0.2" });
            new alicloud.vpc.SnatEntry("snat", { snatTableId: ngw.snatTableIds, sourceCidr: "10.0.0.0/16", snatIp: ip.natIp });
            new alicloud.vpc.ForwardEntry("fwd", {
                forwardTableId: ngw.forwardTableIds,
                externalIp: dnatIp.natIp,
                externalPort: "any",
                internalIp: "10.0.1.10",
                internalPort: "any",
                ipProtocol: "any",
            });
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [ngw] = emulator.ofType(TYPES.natGateway);
        assert.match(ngw.id, /^ngw-bp1[0-9a-z]{21}$/);
        assert.match(ngw.outputs.snatTableIds, /^stb-bp1[0-9a-z]{21}$/);
        assert.match(ngw.outputs.forwardTableIds, /^ftb-bp1[0-9a-z]{21}$/);
        assert.equal(emulator.ofType(TYPES.natIpCidr)[0].id, `${ngw.id}:172.20.0.0/24`);
        assert.match(emulator.ofType(TYPES.natIp)[0].id, new RegExp(`^${ngw.id}:vpcnatip-bp1[0-9a-z]{21}$`));
        assert.match(emulator.ofType(TYPES.snatEntry)[0].id, new RegExp(`^${ngw.outputs.snatTableIds}:snat-bp1[0-9a-z]{21}$`));
        assert.match(emulator.ofType(TYPES.forwardEntry)[0].id, new RegExp(`^${ngw.outputs.forwardTableIds}:fwd-bp1[0-9a-z]{21}$`));
    });

    const refusals: Array<[string, (ngw: alicloud.vpc.NatGateway) => void, string, RegExp]> = [
        [
            "a NAT IP CIDR in 100.64.0.0/10",
            (ngw) => new alicloud.vpc.NatIpCidr("c", { natGatewayId: ngw.id, natIpCidr: "100.64.0.0/24", natIpCidrName: "cgnat" }),
            "IllegalParam.NatIpCidr",
            /inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12 or 192\.168\.0\.0\/16/,
        ],
        [
            "a NAT IP CIDR wider than /16",
            (ngw) => new alicloud.vpc.NatIpCidr("c", { natGatewayId: ngw.id, natIpCidr: "172.16.0.0/15", natIpCidrName: "wide" }),
            "IllegalParam.NatIpCidr",
            /mask of \/16 to \/32/,
        ],
        [
            "a NAT IP CIDR inside the VPC",
            (ngw) => new alicloud.vpc.NatIpCidr("c", { natGatewayId: ngw.id, natIpCidr: "10.0.128.0/24", natIpCidrName: "inside" }),
            "IllegalParam.NatIpCidr",
            /overlaps the VPC's 10\.0\.0\.0\/16/,
        ],
        [
            "a DNAT entry to an address outside the VPC",
            (ngw) => {
                const cidr = new alicloud.vpc.NatIpCidr("c", {
                    natGatewayId: ngw.id,
                    natIpCidr: "172.20.0.0/24",
                    natIpCidrName: "translated",
                });
                const ip = new alicloud.vpc.NatIp("ip", { natGatewayId: ngw.id, natIpCidr: cidr.natIpCidr, natIp: "172.20.0.2" });
                new alicloud.vpc.ForwardEntry("f", {
                    forwardTableId: ngw.forwardTableIds,
                    externalIp: ip.natIp,
                    externalPort: "any",
                    internalIp: "192.168.1.10",
                    internalPort: "any",
                    ipProtocol: "any",
                });
            },
            "IllegalParam.InternalIp",
            /192\.168\.1\.10 is not an address of the NAT gateway's VPC 10\.0\.0\.0\/16/,
        ],
        [
            "two DNAT entries to the same host and protocol (CreateForwardEntry: IpProtocol, InternalIp, InternalPort unique)",
            (ngw) => {
                const cidr = new alicloud.vpc.NatIpCidr("c", {
                    natGatewayId: ngw.id,
                    natIpCidr: "172.20.0.0/24",
                    natIpCidrName: "translated",
                });
                const ips = ["172.20.0.2", "172.20.0.3"].map(
                    (natIp, i) => new alicloud.vpc.NatIp(`ip${i}`, { natGatewayId: ngw.id, natIpCidr: cidr.natIpCidr, natIp }),
                );
                const first = new alicloud.vpc.ForwardEntry("f1", {
                    forwardTableId: ngw.forwardTableIds,
                    externalIp: ips[0].natIp,
                    externalPort: "any",
                    internalIp: "10.0.1.10",
                    internalPort: "any",
                    ipProtocol: "any",
                });
                new alicloud.vpc.ForwardEntry(
                    "f2",
                    {
                        forwardTableId: ngw.forwardTableIds,
                        externalIp: ips[1].natIp,
                        externalPort: "any",
                        internalIp: "10.0.1.10",
                        internalPort: "any",
                        ipProtocol: "any",
                    },
                    { dependsOn: [first] },
                );
            },
            "Forbidden.InternalIp.AlreadyUsed",
            /10\.0\.1\.10 \(any\/any\) already has a DNAT entry/,
        ],
        [
            "an SNAT entry whose address is not one of the gateway's NAT IPs",
            (ngw) => new alicloud.vpc.SnatEntry("s", { snatTableId: ngw.snatTableIds, sourceCidr: "10.0.0.0/16", snatIp: "172.20.0.9" }),
            "InvalidSnatIp.NotFound",
            /172\.20\.0\.9 is not a NAT IP/,
        ],
        [
            "a 16th NAT IP (natgw_quota_nat_ip_num_per_vpc_nat)",
            (ngw) => {
                const cidr = new alicloud.vpc.NatIpCidr("c", {
                    natGatewayId: ngw.id,
                    natIpCidr: "172.20.0.0/24",
                    natIpCidrName: "translated",
                });
                let previous: alicloud.vpc.NatIp | undefined;
                for (let i = 1; i <= 16; i++) {
                    previous = new alicloud.vpc.NatIp(
                        `ip${i}`,
                        { natGatewayId: ngw.id, natIpCidr: cidr.natIpCidr, natIp: `172.20.0.${i}` },
                        { dependsOn: previous ? [previous] : [] },
                    );
                }
            },
            "QuotaExceeded.NatIp",
            /already has 15 NAT IPs/,
        ],
    ];
    for (const [what, build, code, message] of refusals) {
        it(`refuses ${what} (${code})`, async () => {
            const emulator = await emulate(() => build(natGateway().ngw));
            assert.deepEqual(
                emulator.state.rejections.map((r) => r.code),
                [code],
            );
            assert.match(emulator.state.rejections[0].message, message);
        });
    }

    it("refuses a route to a NAT gateway of another VPC", async () => {
        const emulator = await emulate(() => {
            const { ngw } = natGateway();
            const other = new alicloud.vpc.Network("other", { cidrBlock: "192.168.0.0/16" });
            new alicloud.vpc.RouteEntry("r", {
                routeTableId: other.routeTableId,
                destinationCidrblock: "172.21.0.0/16",
                nexthopType: "NatGateway",
                nexthopId: ngw.id,
            });
        });
        assert.deepEqual(
            emulator.state.rejections.map((r) => r.code),
            ["InvalidNextHop.NotFound"],
        );
    });
});
