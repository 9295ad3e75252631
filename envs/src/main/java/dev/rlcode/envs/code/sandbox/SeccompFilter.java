package dev.rlcode.envs.code.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic-BPF seccomp program for x86-64, in the binary form {@code bwrap --seccomp FD} reads (an array of
 * {@code struct sock_filter}). Generated here so no seccomp library is needed.
 *
 * <p>It denies process creation (fork, vfork, clone without {@code CLONE_THREAD}; clone3 gets ENOSYS so glibc
 * falls back to clone, whose flags the filter can read), every socket family but {@code AF_UNIX}, and kernel
 * surfaces a JVM never needs (ptrace, mount, namespaces, keyrings, bpf, perf, io_uring, module and reboot
 * calls). Other architectures and x32 syscalls are killed. {@code execve} stays allowed because bwrap installs
 * the filter before it execs {@code java}; without fork a process can only replace itself.
 */
final class SeccompFilter {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int RET_ALLOW = 0x7FFF0000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int ENOSYS = 38;
    private static final int CLONE_THREAD = 0x00010000;
    private static final int AF_UNIX = 1;

    // classic BPF opcodes
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int JSET_K = 0x45;
    private static final int RET_K = 0x06;

    // x86-64 syscall numbers
    private static final int SYS_SOCKET = 41;
    private static final int SYS_CLONE = 56;
    private static final int SYS_FORK = 57;
    private static final int SYS_VFORK = 58;
    private static final int SYS_CLONE3 = 435;
    private static final int[] DENIED = {
            101, // ptrace
            103, // syslog
            135, // personality
            155, // pivot_root
            161, // chroot
            165, 166, // mount, umount2
            167, 168, 169, // swapon, swapoff, reboot
            175, 176, 313, // init_module, delete_module, finit_module
            246, // kexec_load
            248, 249, 250, // add_key, request_key, keyctl
            272, 308, // unshare, setns
            298, // perf_event_open
            303, 304, // name_to_handle_at, open_by_handle_at
            310, 311, 312, // process_vm_readv, process_vm_writev, kcmp
            321, 323, // bpf, userfaultfd
            425, 426, 427, // io_uring_setup, io_uring_enter, io_uring_register
            428, 429, 430, 431, 432, 433, // open_tree, move_mount, fsopen, fsconfig, fsmount, fspick
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private SeccompFilter() {
    }

    /** {@return the filter program} */
    static byte[] program() {
        var f = new SeccompFilter();
        f.op(LD_W_ABS, 0, 0, 4); // arch
        f.op(JEQ_K, 1, 0, AUDIT_ARCH_X86_64);
        f.op(RET_K, 0, 0, RET_KILL_PROCESS);
        f.op(LD_W_ABS, 0, 0, 0); // syscall number
        f.op(JGE_K, 0, 1, 0x40000000); // x32 ABI
        f.op(RET_K, 0, 0, RET_ERRNO | EPERM);
        f.deny(SYS_FORK, EPERM);
        f.deny(SYS_VFORK, EPERM);
        f.deny(SYS_CLONE3, ENOSYS);
        for (int nr : DENIED) {
            f.deny(nr, EPERM);
        }
        // clone: threads only
        f.op(JEQ_K, 0, 4, SYS_CLONE);
        f.op(LD_W_ABS, 0, 0, 16); // args[0], low 32 bits (little-endian)
        f.op(JSET_K, 0, 1, CLONE_THREAD);
        f.op(RET_K, 0, 0, RET_ALLOW);
        f.op(RET_K, 0, 0, RET_ERRNO | EPERM);
        // socket: AF_UNIX only (A still holds the syscall number here)
        f.op(JEQ_K, 0, 4, SYS_SOCKET);
        f.op(LD_W_ABS, 0, 0, 16);
        f.op(JEQ_K, 0, 1, AF_UNIX);
        f.op(RET_K, 0, 0, RET_ALLOW);
        f.op(RET_K, 0, 0, RET_ERRNO | EACCES);
        f.op(RET_K, 0, 0, RET_ALLOW);
        return f.out.toByteArray();
    }

    private void deny(int nr, int errno) {
        op(JEQ_K, 0, 1, nr);
        op(RET_K, 0, 0, RET_ERRNO | errno);
    }

    private void op(int code, int jt, int jf, int k) {
        var b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
        out.writeBytes(b.array());
    }
}
