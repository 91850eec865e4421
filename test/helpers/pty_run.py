"""Runs a command in a pseudo-terminal and answers its prompts, as a person at a keyboard would.

usage: python3 pty_run.py '<json steps>' <cwd> <argv...>
steps: [{"expect": "<regex>", "send": "<keys>"}, ...]; each waits for its regex in the screen output
(ANSI codes removed) after the previous match, then types its keys. Prints the transcript and exits
with the command's exit code (128+N when killed by signal N, 124 on timeout).
"""
import json, os, pty, re, select, sys, time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]")
TIMEOUT = 90
STEP_TIMEOUT = 30


def main():
    steps, cwd, argv = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3:]
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvp(argv[0], argv)
    out, seen, deadline = b"", 0, time.time() + TIMEOUT

    def read(wait):
        nonlocal out
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        out += chunk
        return True

    alive, status = True, None
    for step in steps:
        pattern = re.compile(step["expect"].encode())
        step_deadline = min(deadline, time.time() + STEP_TIMEOUT)
        while alive and time.time() < step_deadline:
            m = pattern.search(ANSI.sub(b"", out), seen)
            if m:
                seen = m.end()
                break
            alive = read(0.2)
        else:
            # The prompt never came: say which, and stop now rather than at the overall limit.
            sys.stdout.write(ANSI.sub(b"", out).decode("utf-8", "replace"))
            sys.stdout.write(f"\n[pty_run] never saw: {step['expect']!r}\n")
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            sys.exit(124)
        time.sleep(0.15)  # let the prompt finish drawing before typing
        os.write(fd, step["send"].encode())
    while time.time() < deadline:
        alive = alive and read(0.2)
        reaped, st = os.waitpid(pid, os.WNOHANG)
        if reaped:
            status = st
            break
    while alive and read(0.05):
        pass
    sys.stdout.write(ANSI.sub(b"", out).decode("utf-8", "replace"))
    if status is None:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.exit(124)
    code = os.waitstatus_to_exitcode(status)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
