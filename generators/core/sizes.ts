// The instance sizes an app can have: App Runner's valid pairs, each of which maps one to one onto a
// Fargate task size, so --cpu and --memory mean the same on every platform. The API's own patterns
// accept pairs App Runner refuses at run time, so the pairs are spelled out and checked before anything
// is written. Prices are each platform's (platforms/<id>/cost.ts).

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

export const HOURS_PER_MONTH = 730;

export const dollars = (n: number) => `$${n.toFixed(2)}`;
