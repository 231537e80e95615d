import type { SsmTypes } from '@bosun/protocol';
import { effectivePingStatus } from '../../agents/presence';
import type { InstanceRow } from '../../agents/instance-store';

const date = (iso: string | null): Date | undefined => (iso ? new Date(iso) : undefined);
const opt = <T>(v: T | null): T | undefined => v ?? undefined;

/** The fields DescribeInstanceInformation and DescribeInstanceProperties share, keyed by their AWS names. */
export function instanceFields(row: InstanceRow, now: Date) {
  return {
    InstanceId: row.instance_id,
    PingStatus: effectivePingStatus(row, now),
    LastPingDateTime: date(row.last_ping_at),
    AgentVersion: opt(row.agent_version),
    PlatformType: opt(row.platform_type) as SsmTypes.PlatformType | undefined,
    PlatformName: opt(row.platform_name),
    PlatformVersion: opt(row.platform_version),
    ActivationId: row.activation_id,
    IamRole: row.iam_role,
    RegistrationDate: new Date(row.registration_date),
    // AWS: hybrid nodes are ManagedInstance; SourceType names the resource in AWS Config terms.
    ResourceType: 'ManagedInstance' as const,
    Name: opt(row.name),
    IPAddress: opt(row.ip_address),
    ComputerName: opt(row.computer_name),
    SourceId: row.instance_id,
    SourceType: 'AWS::SSM::ManagedInstance' as const,
  };
}

export function toInstanceInformation(row: InstanceRow, now: Date): SsmTypes.InstanceInformation {
  return instanceFields(row, now);
}

export function toInstanceProperty(row: InstanceRow, now: Date): SsmTypes.InstanceProperty {
  return { ...instanceFields(row, now), InstanceRole: row.iam_role };
}
