// App Runner's instance sizes and prices (us-east-1). The API's own patterns accept pairs App Runner
// refuses at run time, so the valid pairs are spelled out here and checked before anything is written.

export const CPU_CHOICES = ['0.25', '0.5', '1', '2', '4'] as const;
export type Cpu = (typeof CPU_CHOICES)[number];

/** Memory (GB) App Runner offers for each vCPU size. */
export const MEMORY_BY_CPU: Record<Cpu, readonly string[]> = {
  '0.25': ['0.5', '1'],
  '0.5': ['1'],
  '1': ['2', '3', '4'],
  '2': ['4', '6'],
  '4': ['8', '10', '12'],
};

/** 2 GB when the cpu allows it, else the smallest size that cpu offers. */
export function defaultMemory(cpu: Cpu): string {
  const sizes = MEMORY_BY_CPU[cpu];
  return sizes.includes('2') ? '2' : sizes[0]!;
}

export const cpuLabel = (cpu: string) => `${cpu} vCPU`;
export const memoryLabel = (memory: string) => `${memory} GB`;

// Prices as published for us-east-1 (checked 2026-11); App Runner bills per second.
export const PRICES = {
  date: '2026-11',
  vcpuHour: 0.064,
  gbHour: 0.007,
  autoDeployMonth: 1,
  buildMinute: 0.005,
} as const;
export const HOURS_PER_MONTH = 730;

export interface MonthlyCost {
  /** Provisioned but idle all month: memory only. */
  idle: number;
  /** Active all month: vCPU and memory. */
  busy: number;
}

export function monthlyCost(cpu: string, memory: string): MonthlyCost {
  const mem = Number(memory) * PRICES.gbHour * HOURS_PER_MONTH;
  return { idle: mem, busy: mem + Number(cpu) * PRICES.vcpuHour * HOURS_PER_MONTH };
}

export const dollars = (n: number) => `$${n.toFixed(2)}`;
