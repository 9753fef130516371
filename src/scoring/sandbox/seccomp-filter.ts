/**
 * System calls a sandboxed program is refused (EPERM): reading or writing another process's memory (`ptrace`,
 * `process_vm_readv`/`writev`, `pidfd_getfd`: the verdict secret lives in the interpreter's memory), and memory
 * that no file-size, address-space or mount limit bounds (`memfd_create`, `memfd_secret`, System V `shmget`;
 * `io_uring_setup`, whose operations bypass seccomp). Numbers from the kernel's syscall tables
 * (arch/x86/entry/syscalls/syscall_64.tbl, include/uapi/asm-generic/unistd.h for arm64).
 */
const deniedSyscalls = {
  x64: {
    auditArch: 0xc000003e, // AUDIT_ARCH_X86_64
    numbers: {
      ptrace: 101,
      process_vm_readv: 310,
      process_vm_writev: 311,
      memfd_create: 319,
      memfd_secret: 447,
      shmget: 29,
      pidfd_getfd: 438,
      io_uring_setup: 425,
    },
    /** x32 system calls (bit 30 set) could reach the same calls under other numbers: all refused. */
    x32Bit: 0x40000000,
  },
  arm64: {
    auditArch: 0xc00000b7, // AUDIT_ARCH_AARCH64
    numbers: {
      ptrace: 117,
      process_vm_readv: 270,
      process_vm_writev: 271,
      memfd_create: 279,
      memfd_secret: 447,
      shmget: 194,
      pidfd_getfd: 438,
      io_uring_setup: 425,
    },
    x32Bit: undefined,
  },
} as const;

// Classic BPF opcodes (linux/filter.h, linux/seccomp.h).
const loadWordAbsolute = 0x20; // BPF_LD | BPF_W | BPF_ABS
const jumpIfEqual = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const jumpIfGreaterOrEqual = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const returnConstant = 0x06; // BPF_RET | BPF_K
const allow = 0x7fff0000; // SECCOMP_RET_ALLOW
const refuseWithEperm = 0x00050000 | 1; // SECCOMP_RET_ERRNO | EPERM
/** Offsets in struct seccomp_data: int nr; __u32 arch; … */
const syscallNumberOffset = 0;
const architectureOffset = 4;

interface Instruction {
  readonly code: number;
  readonly jumpIfTrue: number;
  readonly jumpIfFalse: number;
  readonly value: number;
}

/**
 * The seccomp program bubblewrap loads with `--seccomp FD` (an array of struct sock_filter, native byte order)
 * for Node's `process.arch`; undefined on other architectures (the sandbox then has no syscall filter, and the
 * docs say so). A system call of another architecture (32-bit, x32) is refused as a whole.
 */
export function seccompFilter(arch: string): Buffer | undefined {
  if (arch !== 'x64' && arch !== 'arm64') return undefined;
  const table = deniedSyscalls[arch];
  const numbers = Object.values(table.numbers);
  // Layout: [0] load arch, [1] arch check, [2] load nr, [3] x32 check?, [..] one check per call, allow, refuse.
  const checks = numbers.length + (table.x32Bit === undefined ? 0 : 1);
  const program: Instruction[] = [];
  const refuseIndex = 3 + checks + 1;
  const jumpTo = (from: number, target: number) => target - from - 1;
  program.push({ code: loadWordAbsolute, jumpIfTrue: 0, jumpIfFalse: 0, value: architectureOffset });
  program.push({
    code: jumpIfEqual,
    jumpIfTrue: 0,
    jumpIfFalse: jumpTo(1, refuseIndex),
    value: table.auditArch,
  });
  program.push({ code: loadWordAbsolute, jumpIfTrue: 0, jumpIfFalse: 0, value: syscallNumberOffset });
  if (table.x32Bit !== undefined) {
    const index = program.length;
    program.push({
      code: jumpIfGreaterOrEqual,
      jumpIfTrue: jumpTo(index, refuseIndex),
      jumpIfFalse: 0,
      value: table.x32Bit,
    });
  }
  for (const number of numbers) {
    const index = program.length;
    program.push({
      code: jumpIfEqual,
      jumpIfTrue: jumpTo(index, refuseIndex),
      jumpIfFalse: 0,
      value: number,
    });
  }
  program.push({ code: returnConstant, jumpIfTrue: 0, jumpIfFalse: 0, value: allow });
  program.push({ code: returnConstant, jumpIfTrue: 0, jumpIfFalse: 0, value: refuseWithEperm });
  const bytes = Buffer.alloc(program.length * 8);
  program.forEach((instruction, index) => {
    bytes.writeUInt16LE(instruction.code, index * 8);
    bytes.writeUInt8(instruction.jumpIfTrue, index * 8 + 2);
    bytes.writeUInt8(instruction.jumpIfFalse, index * 8 + 3);
    bytes.writeUInt32LE(instruction.value >>> 0, index * 8 + 4);
  });
  return bytes;
}
