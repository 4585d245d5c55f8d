// ECS, RAM and OOS in the emulator: security groups and their rules, instances (private addresses from
// their vSwitch, a public address from the documentation pool), instance RAM roles, OOS secret
// parameters, Cloud Assistant commands and their invocations, and the image lookup. Refusals follow the
// API references (CreateSecurityGroup, AuthorizeSecurityGroup, RunInstances, AttachInstanceRamRole,
// CreateRole, CreatePolicy, CreateSecretParameter, CreateCommand, InvokeCommand); codes the references do
// not give are marked "(modelled)", as in rules.ts.
import * as ipaddr from "ipaddr.js";
import { DocumentationAddressPool, cloudAssistantId } from "./ids";
import { AlibabaApiError, EmulatorState, RecordedResource } from "./state";

export const ECS_TYPES = {
    instance: "alicloud:ecs/instance:Instance",
    securityGroup: "alicloud:ecs/securityGroup:SecurityGroup",
    securityGroupRule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
    ramRoleAttachment: "alicloud:ecs/ramRoleAttachment:RamRoleAttachment",
    ramRole: "alicloud:ram/role:Role",
    ramPolicy: "alicloud:ram/policy:Policy",
    ramRolePolicyAttachment: "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment",
    oosSecretParameter: "alicloud:oos/secretParameter:SecretParameter",
    command: "alicloud:ecs/command:Command",
    ecsInvocation: "alicloud:ecs/ecsInvocation:EcsInvocation",
} as const;

export const GET_IMAGES = "alicloud:ecs/getImages:getImages";

const VPC = "alicloud:vpc/network:Network";
const VSWITCH = "alicloud:vpc/switch:Switch";
/** The emulator's account id, for ARNs. */
export const ACCOUNT_ID = "1234567890123456";

/** Public images the emulator offers (names as DescribeImages returns them; newest last per family). */
export const SYSTEM_IMAGES = [
    "aliyun_3_x64_20G_alibase_20250629.vhd",
    "debian_12_11_x64_20G_alibase_20250825.vhd",
    "ubuntu_22_04_x64_20G_alibase_20250722.vhd",
    "ubuntu_24_04_x64_20G_alibase_20250722.vhd",
];

function fail(code: string, message: string): never {
    throw new AlibabaApiError(code, message);
}

function block(text: unknown): { first: number; last: number; canonical: boolean } | undefined {
    if (typeof text !== "string" || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(text) || !ipaddr.IPv4.isValidCIDR(text)) {
        return undefined;
    }
    const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
    const toInt = (a: ipaddr.IPv4) => a.octets.reduce((acc, o) => acc * 256 + o, 0);
    const first = toInt(ipaddr.IPv4.networkAddressFromCIDR(text));
    return { first, last: first + 2 ** (32 - prefix) - 1, canonical: toInt(address) === first };
}

function toAddress(n: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

function addressValue(ip: string): number {
    return ipaddr.IPv4.parse(ip).octets.reduce((acc, o) => acc * 256 + o, 0);
}

function existing(state: EmulatorState, id: unknown, type: string, code: string, what: string): RecordedResource {
    const found = typeof id === "string" ? state.findById(id) : undefined;
    if (!found || found.type !== type) {
        fail(code, `The specified ${what} (${String(id)}) does not exist.`);
    }
    return found;
}

/** Throws what Alibaba refuses for an ECS/RAM/OOS create, or returns silently. */
export function validateEcs(type: string, region: string, inputs: Record<string, any>, state: EmulatorState): void {
    switch (type) {
        case ECS_TYPES.securityGroup:
            return validateSecurityGroup(inputs, state);
        case ECS_TYPES.securityGroupRule:
            return validateSecurityGroupRule(inputs, state);
        case ECS_TYPES.instance:
            return validateInstance(region, inputs, state);
        case ECS_TYPES.ramRole:
            return validateRole(inputs, state);
        case ECS_TYPES.ramPolicy:
            return validatePolicy(inputs, state);
        case ECS_TYPES.ramRolePolicyAttachment:
            return validateRolePolicyAttachment(inputs, state);
        case ECS_TYPES.ramRoleAttachment:
            return validateRamRoleAttachment(inputs, state);
        case ECS_TYPES.oosSecretParameter:
            return validateSecretParameter(inputs, state);
        case ECS_TYPES.command:
            return validateCommand(inputs);
        case ECS_TYPES.ecsInvocation:
            return validateInvocation(region, inputs, state);
        default:
            return;
    }
}

// CreateSecurityGroup: name 2..128 characters, starting with a letter (or Chinese character), no http(s)://.
function validateSecurityGroup(inputs: Record<string, any>, state: EmulatorState): void {
    if (inputs.vpcId !== undefined) {
        existing(state, inputs.vpcId, VPC, "InvalidVpcId.NotFound", "VPC");
    }
    const name = inputs.securityGroupName ?? inputs.name;
    if (name !== undefined && (!/^[A-Za-z\u4e00-\u9fa5][^]{1,127}$/.test(name) || /^https?:\/\//.test(name))) {
        fail("InvalidSecurityGroupName.Malformed", `Specified security group name (${name}) is not valid: 2 to 128 characters, starting with a letter.`);
    }
    if (inputs.securityGroupType !== undefined && !["normal", "enterprise"].includes(inputs.securityGroupType)) {
        fail("InvalidSecurityGroupType.NotSupported", `The specified SecurityGroupType (${inputs.securityGroupType}) is not supported. (modelled)`);
    }
}

// AuthorizeSecurityGroup / AuthorizeSecurityGroupEgress.
function validateSecurityGroupRule(inputs: Record<string, any>, state: EmulatorState): void {
    const group = existing(state, inputs.securityGroupId, ECS_TYPES.securityGroup, "InvalidSecurityGroupId.NotFound", "security group");
    if (!["ingress", "egress"].includes(inputs.type)) {
        fail("InvalidParameter", `The rule type (${inputs.type}) must be ingress or egress. (modelled)`);
    }
    const protocol = String(inputs.ipProtocol).toLowerCase();
    if (!["tcp", "udp", "icmp", "icmpv6", "gre", "all"].includes(protocol)) {
        fail("InvalidIpProtocol.Malformed", `The specified IpProtocol (${inputs.ipProtocol}) is not valid. Valid values: tcp, udp, icmp, icmpv6, gre, all.`);
    }
    const range = inputs.portRange ?? "-1/-1";
    const ports = /^(-?\d+)\/(-?\d+)$/.exec(range);
    const ported = protocol === "tcp" || protocol === "udp";
    const portsOk = ported ? !!ports && Number(ports[1]) >= 1 && Number(ports[1]) <= Number(ports[2]) && Number(ports[2]) <= 65535 : range === "-1/-1";
    if (!portsOk) {
        fail("InvalidPortRange.Malformed", `The specified PortRange (${range}) is not valid for ${protocol}: tcp and udp take 1/65535 ranges, other protocols -1/-1.`);
    }
    if (inputs.cidrIp !== undefined && !block(inputs.cidrIp) && !ipaddr.IPv4.isValidFourPartDecimal(String(inputs.cidrIp))) {
        fail("InvalidSourceCidrIp.Malformed", `The specified SourceCidrIp (${inputs.cidrIp}) is not valid.`);
    }
    if (inputs.cidrIp === undefined && inputs.sourceSecurityGroupId === undefined && inputs.prefixListId === undefined && inputs.ipv6CidrIp === undefined) {
        fail(inputs.type === "egress" ? "MissingParameter.Dest" : "MissingParameter.Source", "The rule needs a CIDR block, a security group or a prefix list.");
    }
    // A security group in a VPC takes intranet rules only; the provider's default nicType is internet.
    if (group.inputs.vpcId !== undefined && (inputs.nicType ?? "internet") !== "intranet") {
        fail("InvalidNicType.ValueNotSupported", `Security group ${group.id} belongs to a VPC: NicType must be intranet (got ${inputs.nicType ?? "internet (default)"}). (modelled)`);
    }
    const priority = inputs.priority ?? 1;
    if (!Number.isInteger(priority) || priority < 1 || priority > 100) {
        fail("InvalidPriority.Malformed", `The specified Priority (${priority}) is not valid. Valid values: 1 to 100.`);
    }
    if (!["accept", "drop"].includes(inputs.policy ?? "accept")) {
        fail("InvalidPolicy.Malformed", `The specified Policy (${inputs.policy}) is not valid. Valid values: accept, drop.`);
    }
    const key = (r: Record<string, any>) => [r.securityGroupId, r.type, String(r.ipProtocol).toLowerCase(), r.portRange ?? "-1/-1", r.cidrIp, r.policy ?? "accept", r.priority ?? 1].join("|");
    if (state.ofType(ECS_TYPES.securityGroupRule).some((r) => key(r.inputs) === key(inputs))) {
        fail("InvalidPermission.Duplicate", `The same rule already exists in ${group.id}. (modelled)`);
    }
}

/** Addresses of a vSwitch that Alibaba keeps: the first and the last three (VPC "plan networks" guide). */
function reservedAddresses(cidr: string): Set<number> {
    const b = block(cidr)!;
    return new Set([b.first, b.last - 2, b.last - 1, b.last]);
}

// RunInstances (through the provider's alicloud_instance).
function validateInstance(region: string, inputs: Record<string, any>, state: EmulatorState): void {
    if (typeof inputs.imageId !== "string" || !(SYSTEM_IMAGES.includes(inputs.imageId) || /^m-[0-9a-z]{10,}$/.test(inputs.imageId))) {
        fail("InvalidImageId.NotFound", `The specified ImageId (${inputs.imageId}) does not exist in ${region}.`);
    }
    if (typeof inputs.instanceType !== "string" || !/^ecs\.[a-z0-9-]+\.[a-z0-9]+$/.test(inputs.instanceType)) {
        fail("InvalidInstanceType.ValueUnauthorized", `The specified InstanceType (${inputs.instanceType}) is not valid.`);
    }
    const vswitch = existing(state, inputs.vswitchId, VSWITCH, "InvalidVSwitchId.NotFound", "vSwitch");
    const groups: unknown[] = inputs.securityGroups ?? [];
    if (groups.length === 0) {
        fail("MissingParameter.SecurityGroupId", "The input parameter SecurityGroupId that is mandatory for processing this request is not supplied.");
    }
    for (const id of groups) {
        const group = existing(state, id, ECS_TYPES.securityGroup, "InvalidSecurityGroupId.NotFound", "security group");
        if (group.inputs.vpcId !== vswitch.inputs.vpcId) {
            fail("InvalidSecurityGroupId.NotBelongToVpc", `Security group ${group.id} is not in the VPC of vSwitch ${vswitch.id}. (modelled)`);
        }
    }
    if (inputs.availabilityZone !== undefined && inputs.availabilityZone !== vswitch.inputs.zoneId) {
        fail("InvalidParameter.Mismatch", `The zone ${inputs.availabilityZone} differs from the zone of vSwitch ${vswitch.id} (${vswitch.inputs.zoneId}). (modelled)`);
    }
    const bandwidth = inputs.internetMaxBandwidthOut ?? 0;
    if (!Number.isInteger(bandwidth) || bandwidth < 0 || bandwidth > 100) {
        fail("InvalidInternetMaxBandwidthOut.Malformed", `InternetMaxBandwidthOut (${bandwidth}) must be from 0 to 100 Mbit/s. (modelled)`);
    }
    if (inputs.privateIp !== undefined) {
        const ip = String(inputs.privateIp);
        const b = block(vswitch.inputs.cidrBlock);
        const value = ipaddr.IPv4.isValidFourPartDecimal(ip) ? addressValue(ip) : -1;
        if (!b || value < b.first || value > b.last || reservedAddresses(vswitch.inputs.cidrBlock).has(value)) {
            fail("InvalidPrivateIpAddress.Malformed", `The private IP ${ip} is not an assignable address of vSwitch ${vswitch.id} (${vswitch.inputs.cidrBlock}). (modelled)`);
        }
        if (state.ofType(ECS_TYPES.instance).some((other) => other.outputs.privateIp === ip)) {
            fail("InvalidPrivateIpAddress.Duplicated", `The private IP ${ip} is already used in vSwitch ${vswitch.id}.`);
        }
    }
    // "The size of the user data cannot exceed 16 KB before it is encoded" (ECS user guide, user data).
    const size = userDataBytes(inputs.userData);
    if (size > 16 * 1024) {
        fail("InvalidUserData.SizeExceeded", `The user data is ${size} bytes before Base64 encoding; at most 16384 are allowed. (modelled)`);
    }
}

/** Raw size of user data: the provider sends base64 as is and encodes anything else. */
function userDataBytes(userData: unknown): number {
    if (typeof userData !== "string") {
        return 0;
    }
    const isBase64 = /^[A-Za-z0-9+/]+={0,2}$/.test(userData) && userData.length % 4 === 0;
    return isBase64 ? Buffer.from(userData, "base64").length : Buffer.byteLength(userData, "utf8");
}

function parsePolicy(text: unknown, code: string): any {
    try {
        const document = JSON.parse(String(text));
        if (document.Version !== "1" || !Array.isArray(document.Statement) || document.Statement.length === 0) {
            throw new Error("needs Version \"1\" and a Statement list");
        }
        return document;
    } catch (err) {
        fail(code, `The policy document is malformed: ${(err as Error).message}.`);
    }
}

// CreateRole: name 1..64 of letters, digits, '.', '-'; a valid trust policy.
function validateRole(inputs: Record<string, any>, state: EmulatorState): void {
    const name = inputs.roleName ?? inputs.name;
    if (typeof name !== "string" || !/^[A-Za-z0-9.-]{1,64}$/.test(name)) {
        fail("InvalidParameter.RoleName.InvalidChars", `The role name (${name}) must be 1 to 64 letters, digits, '.' or '-'.`);
    }
    parsePolicy(inputs.assumeRolePolicyDocument ?? inputs.document, "MalformedPolicyDocument");
    if (state.ofType(ECS_TYPES.ramRole).some((r) => r.outputs.roleName === name)) {
        fail("EntityAlreadyExists.Role", `The role ${name} already exists.`);
    }
}

// CreatePolicy: name 1..128 of letters, digits, '-'; the document at most 6144 bytes.
function validatePolicy(inputs: Record<string, any>, state: EmulatorState): void {
    const name = inputs.policyName ?? inputs.name;
    if (typeof name !== "string" || !/^[A-Za-z0-9-]{1,128}$/.test(name)) {
        fail("InvalidParameter.PolicyName.InvalidChars", `The policy name (${name}) must be 1 to 128 letters, digits or '-'.`);
    }
    const text = inputs.policyDocument ?? inputs.document;
    if (Buffer.byteLength(String(text ?? ""), "utf8") > 6144) {
        fail("LimitExceeded.Policy.Document", "The policy document exceeds 6144 bytes. (modelled)");
    }
    parsePolicy(text, "MalformedPolicyDocument");
    if (state.ofType(ECS_TYPES.ramPolicy).some((p) => p.outputs.policyName === name)) {
        fail("EntityAlreadyExists.Policy", `The policy ${name} already exists.`);
    }
}

function validateRolePolicyAttachment(inputs: Record<string, any>, state: EmulatorState): void {
    if (!state.ofType(ECS_TYPES.ramRole).some((r) => r.outputs.roleName === inputs.roleName)) {
        fail("EntityNotExist.Role", `The role ${inputs.roleName} does not exist.`);
    }
    if (!["Custom", "System"].includes(inputs.policyType)) {
        fail("InvalidParameter.PolicyType", `PolicyType (${inputs.policyType}) must be Custom or System.`);
    }
    if (inputs.policyType === "Custom" && !state.ofType(ECS_TYPES.ramPolicy).some((p) => p.outputs.policyName === inputs.policyName)) {
        fail("EntityNotExist.Policy", `The policy ${inputs.policyName} does not exist.`);
    }
}

// AttachInstanceRamRole: the role must exist and trust the ECS service.
function validateRamRoleAttachment(inputs: Record<string, any>, state: EmulatorState): void {
    existing(state, inputs.instanceId, ECS_TYPES.instance, "InvalidInstanceId.NotFound", "instance");
    const role = state.ofType(ECS_TYPES.ramRole).find((r) => r.outputs.roleName === inputs.ramRoleName);
    if (!role) {
        fail("InvalidRamRole.NotFound", `The RAM role ${inputs.ramRoleName} does not exist.`);
    }
    const trust = JSON.parse(role.inputs.assumeRolePolicyDocument ?? role.inputs.document);
    const trustsEcs = trust.Statement.some((s: any) => [s.Principal?.Service ?? []].flat().includes("ecs.aliyuncs.com"));
    if (!trustsEcs) {
        fail("InvalidRamRole.NotEcsRole", `The RAM role ${inputs.ramRoleName} does not trust ecs.aliyuncs.com.`);
    }
    if (state.ofType(ECS_TYPES.ramRoleAttachment).some((a) => a.inputs.instanceId === inputs.instanceId)) {
        fail("InvalidInstanceId.AlreadyAttached", `Instance ${inputs.instanceId} already has a RAM role; an instance takes one. (modelled)`);
    }
}

// CreateSecretParameter: name 2..180 of letters, digits, '-', '_', '/', not starting with a reserved
// prefix; value 1..4096 characters (provider schema).
function validateSecretParameter(inputs: Record<string, any>, state: EmulatorState): void {
    const name = String(inputs.secretParameterName);
    if (!/^[A-Za-z0-9_/-]{2,180}$/.test(name) || /^(ALIYUN|ACS|ALIBABA|ALICLOUD|OOS)/i.test(name)) {
        fail("InvalidParameter.Name", `The parameter name (${name}) is invalid: 2 to 180 letters, digits, '-', '_', '/', not starting with ALIYUN, ACS, ALIBABA, ALICLOUD or OOS. (modelled)`);
    }
    const value = String(inputs.value ?? "");
    if (value.length < 1 || value.length > 4096) {
        fail("InvalidParameter.Value", `The parameter value must be 1 to 4096 characters (got ${value.length}). (modelled)`);
    }
    if (state.ofType(ECS_TYPES.oosSecretParameter).some((p) => p.inputs.secretParameterName === name)) {
        fail("EntityAlreadyExists.Parameter", `The parameter ${name} already exists. (modelled)`);
    }
}

const COMMAND_TYPES = ["RunShellScript", "RunBatScript", "RunPowerShellScript"];
const REPEAT_MODES = ["Once", "Period", "NextRebootOnly", "EveryReboot"];
/** "Must be Base64-encoded. Maximum size: 18 KB" (ROS ALIYUN::ECS::Command, CommandContent; older CreateCommand references said 16 KB). */
const COMMAND_CONTENT_MAX = 18 * 1024;

// CreateCommand (through alicloud_ecs_command): a known type, Base64 content of at most 18 KB, a name of
// 1 to 128 characters.
function validateCommand(inputs: Record<string, any>): void {
    if (!COMMAND_TYPES.includes(inputs.type)) {
        fail("InvalidCmdType.NotFound", `The specified command type (${inputs.type}) does not exist. Valid values: ${COMMAND_TYPES.join(", ")}.`);
    }
    const content = inputs.commandContent;
    if (typeof content !== "string" || content.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(content) || content.length % 4 !== 0) {
        fail("Invalid.CommandContent", "The specified CommandContent is not valid: it must be Base64-encoded.");
    }
    if (content.length > COMMAND_CONTENT_MAX) {
        fail("CmdContent.ExceedLimit", `The length of the command content exceeds the upper limit: ${content.length} Base64 characters, at most ${COMMAND_CONTENT_MAX}.`);
    }
    const name = inputs.name;
    if (name !== undefined && (typeof name !== "string" || name.length < 1 || name.length > 128)) {
        fail("CmdName.ExceedLimit", `The length of the command name (${String(name).length}) exceeds the upper limit of 128 characters.`);
    }
    const timeout = inputs.timeout ?? 60;
    if (!Number.isInteger(timeout) || timeout < 1) {
        fail("InvalidParameter.Timeout", `The specified Timeout (${timeout}) must be a positive number of seconds. (modelled)`);
    }
}

// InvokeCommand (through alicloud_ecs_invocation): an existing command and 1 to 50 existing instances, all
// in the request's region (requireSameRegion in rules.ts answers first for another region's ids).
function validateInvocation(region: string, inputs: Record<string, any>, state: EmulatorState): void {
    const command = typeof inputs.commandId === "string" ? state.findById(inputs.commandId) : undefined;
    if (!command || command.type !== ECS_TYPES.command || command.region !== region) {
        fail("InvalidCmdId.NotFound", `The specified command ID (${String(inputs.commandId)}) does not exist in ${region}.`);
    }
    const ids: unknown[] = inputs.instanceIds ?? [];
    if (ids.length === 0) {
        fail("MissingParameter.InstanceIds", "The input parameter InstanceIds that is mandatory for processing this request is not supplied. (modelled)");
    }
    if (ids.length > 50) {
        fail("InstanceIds.ExceedLimit", `The number of instance IDs (${ids.length}) exceeds the upper limit of 50.`);
    }
    for (const id of ids) {
        const instance = typeof id === "string" ? state.findById(id) : undefined;
        if (!instance || instance.type !== ECS_TYPES.instance || instance.region !== region) {
            fail("InvalidInstance.NotFound", `The specified instance (${String(id)}) does not exist in ${region}.`);
        }
    }
    if (inputs.repeatMode !== undefined && !REPEAT_MODES.includes(inputs.repeatMode)) {
        fail("InvalidParameter.RepeatMode", `The specified RepeatMode (${inputs.repeatMode}) is not valid. Valid values: ${REPEAT_MODES.join(", ")}. (modelled)`);
    }
}

/** A VPC route entry with next hop type Instance: the instance must be in the route table's VPC. */
export function validateInstanceNextHop(inputs: Record<string, any>, vpc: RecordedResource, state: EmulatorState): void {
    const instance = existing(state, inputs.nexthopId, ECS_TYPES.instance, "InvalidNextHop.NotFound", "next hop instance");
    const vswitch = state.findById(instance.inputs.vswitchId);
    if (vswitch?.inputs.vpcId !== vpc.id) {
        fail("InvalidNextHop.NotFound", `The instance ${instance.id} is not in VPC ${vpc.id}.`);
    }
}

/** The first free assignable address of the vSwitch. */
function allocatePrivateIp(vswitch: RecordedResource | undefined, state: EmulatorState): string {
    if (!vswitch) {
        return "";
    }
    const b = block(vswitch.inputs.cidrBlock)!;
    const reserved = reservedAddresses(vswitch.inputs.cidrBlock);
    const used = new Set(state.ofType(ECS_TYPES.instance).map((i) => i.outputs.privateIp));
    for (let n = b.first; n <= b.last; n++) {
        if (!reserved.has(n) && !used.has(toAddress(n))) {
            return toAddress(n);
        }
    }
    throw new AlibabaApiError("InvalidVSwitchId.IpNotEnough", `vSwitch ${vswitch.id} has no free address.`);
}

/** Outputs of an ECS/RAM/OOS create, or undefined when `type` is not one of them. */
export function ecsOutputs(type: string, id: string, region: string, inputs: Record<string, any>, state: EmulatorState, addresses: DocumentationAddressPool): { id: string; outputs: Record<string, any> } | undefined {
    switch (type) {
        case ECS_TYPES.securityGroup:
            return { id, outputs: { ...inputs, innerAccessPolicy: inputs.innerAccessPolicy ?? "Accept", securityGroupType: inputs.securityGroupType ?? "normal" } };
        case ECS_TYPES.securityGroupRule:
            // The provider's id: <security group id>:<type>:<protocol>:<port range>:<nic type>:<cidr>:<policy>:<priority>.
            return {
                id: [inputs.securityGroupId, inputs.type, inputs.ipProtocol, inputs.portRange ?? "-1/-1", inputs.nicType ?? "internet", inputs.cidrIp, inputs.policy ?? "accept", inputs.priority ?? 1].join(":"),
                outputs: { ...inputs },
            };
        case ECS_TYPES.instance: {
            const vswitch = state.findById(inputs.vswitchId);
            const privateIp = inputs.privateIp ?? allocatePrivateIp(vswitch, state);
            return {
                id,
                outputs: {
                    ...inputs,
                    privateIp,
                    primaryIpAddress: privateIp,
                    publicIp: (inputs.internetMaxBandwidthOut ?? 0) > 0 ? addresses.allocate() : "",
                    availabilityZone: vswitch?.inputs.zoneId,
                    status: "Running",
                    instanceChargeType: inputs.instanceChargeType ?? "PostPaid",
                    internetChargeType: inputs.internetChargeType ?? "PayByTraffic",
                    httpTokens: inputs.httpTokens ?? "optional",
                },
            };
        }
        case ECS_TYPES.ramRole: {
            const roleName = inputs.roleName ?? inputs.name;
            return { id: roleName, outputs: { ...inputs, roleName, name: roleName, arn: `acs:ram::${ACCOUNT_ID}:role/${roleName.toLowerCase()}`, roleId: `3${ACCOUNT_ID.slice(1)}` } };
        }
        case ECS_TYPES.ramPolicy: {
            const policyName = inputs.policyName ?? inputs.name;
            return { id: policyName, outputs: { ...inputs, policyName, name: policyName, type: "Custom", defaultVersion: "v1" } };
        }
        case ECS_TYPES.ramRolePolicyAttachment:
            return { id: `role:${inputs.policyName}:${inputs.policyType}:${inputs.roleName}`, outputs: { ...inputs } };
        case ECS_TYPES.ramRoleAttachment:
            return { id: `${inputs.ramRoleName}:${inputs.instanceId}`, outputs: { ...inputs } };
        case ECS_TYPES.oosSecretParameter:
            return { id: inputs.secretParameterName, outputs: { ...inputs, type: inputs.type ?? "Secret", keyId: inputs.keyId ?? "alias/acs/oos", regionId: region } };
        case ECS_TYPES.command:
            // Every argument is ForceNew in the provider: a new name or content is a new command, so a new id.
            return {
                id: cloudAssistantId("c", region, `${id}:${inputs.name}:${inputs.commandContent}`),
                outputs: { ...inputs, timeout: inputs.timeout ?? 60, enableParameter: inputs.enableParameter ?? false },
            };
        case ECS_TYPES.ecsInvocation:
            // The provider's create waits until the run reaches Success (or Scheduled for periodic runs).
            return {
                id: cloudAssistantId("t", region, `${id}:${inputs.commandId}:${(inputs.instanceIds ?? []).join(",")}`),
                outputs: { ...inputs, repeatMode: inputs.repeatMode ?? "Once", status: "Success", username: inputs.username ?? "root", timed: false, parameters: {} },
            };
        default:
            return undefined;
    }
}

/** alicloud.ecs.getImages over SYSTEM_IMAGES: nameRegex and mostRecent as the provider applies them. */
export function getImages(inputs: Record<string, any>): Record<string, any> {
    const pattern = inputs.nameRegex ? new RegExp(inputs.nameRegex) : undefined;
    let names = SYSTEM_IMAGES.filter((name) => !pattern || pattern.test(name));
    if (inputs.mostRecent && names.length > 0) {
        names = [names.sort().at(-1)!];
    }
    if (names.length === 0) {
        // The data source's own error when nothing matches.
        throw new AlibabaApiError("InvalidImage.NotFound", `Your query returned no results (nameRegex ${inputs.nameRegex}). Please change your search criteria and try again.`);
    }
    const images = names.map((name) => ({
        id: name,
        imageId: name,
        name,
        imageName: name,
        osType: "linux",
        platform: name.split("_")[0],
        architecture: "x86_64",
        status: "Available",
        imageOwnerAlias: "system",
        isSupportCloudInit: true,
    }));
    return { ids: names, images };
}
