"""Shared helpers for the integration tests: they run the real osqueryi binary.

Everything the tests need to find comes from the environment, set by CMakeLists.txt beside
this file (ctest passes it):

  OSQUERYI     the osqueryi executable
  MODULES_DIR  the folder of the project's modules (processes.so, system.so, ...)
  REFERENCE    osquery-linux-tables.json (the exact osquery table schemas)
  TEST_MODULES the folder of this directory's test modules (bad_abi_major.so, ...)
  HELLO_MODULE the in-tree build of examples/hello_module (hello.so)
  SOURCE_DIR   the repository root; BUILD_DIR its build tree
  CMAKE_COMMAND, CMAKE_GENERATOR, CMAKE_MAKE_PROGRAM, CMAKE_CXX_COMPILER: to build the
               example module out of tree the same way the project was built
"""

import json
import os
import subprocess
import sys
import unittest

# Module files must not be group- or world-writable to load; builds made by the tests must not
# depend on the umask of whoever runs ctest.
os.umask(0o022)

# Seconds one osqueryi run may take before the test gives up on it.
RUN_TIMEOUT = 30


def env_path(name):
    value = os.environ.get(name)
    if not value:
        raise unittest.SkipTest(f"{name} is not set; run this test through ctest")
    return value


def osqueryi():
    return env_path("OSQUERYI")


def modules_dir():
    return env_path("MODULES_DIR")


class Run:
    """The outcome of one osqueryi process."""

    def __init__(self, args, proc, stdout, stderr):
        self.args = args
        self.pid = proc.pid
        self.rc = proc.returncode
        self.stdout = stdout
        self.stderr = stderr

    def describe(self):
        return (f"command: {' '.join(self.args)}\nexit code: {self.rc}\n"
                f"stdout:\n{self.stdout[:4000]}\nstderr:\n{self.stderr[:4000]}")


def run(args, stdin_text=None, timeout=RUN_TIMEOUT, with_modules_dir=True):
    """Runs osqueryi with `args` (a list). Unless with_modules_dir is False, the project's
    module folder is given explicitly so the run does not depend on the binary's location."""
    cmd = [osqueryi()]
    if with_modules_dir:
        cmd += ["--modules_dir", modules_dir()]
    cmd += list(args)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            errors="replace")
    try:
        out, err = proc.communicate(stdin_text, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"osqueryi timed out after {timeout} s: {' '.join(cmd)}\n"
                             f"stdout:\n{out[:2000]}\nstderr:\n{err[:2000]}")
    return Run(cmd, proc, out, err)


def parse_json(run_result, testcase=None):
    """The JSON document osqueryi printed on stdout (a list of objects)."""
    try:
        return json.loads(run_result.stdout)
    except ValueError as e:
        raise AssertionError(f"stdout is not valid JSON ({e})\n{run_result.describe()}")


def query_typed(sql, extra_args=()):
    """Runs one statement with --json_typed; returns (rows or None, Run)."""
    r = run(["--json_typed", *extra_args, sql])
    if r.rc != 0:
        return None, r
    try:
        return json.loads(r.stdout), r
    except ValueError:
        return None, r


def load_reference():
    with open(env_path("REFERENCE"), encoding="utf-8") as f:
        data = json.load(f)
    return {t["name"]: t for t in data["tables"]}


def reference_sql_type(ref_type):
    """The reference JSON writes UNSIGNED_BIGINT; the declared SQL type is UNSIGNED BIGINT."""
    return ref_type.replace("_", " ")


def main():
    unittest.main(verbosity=2, buffer=False)


def build_hello_module(binary_dir, cmake_args, timeout=120):
    """Configures and builds examples/hello_module out of tree in `binary_dir` with extra
    cmake arguments (how to find the SDK); returns the path of the built hello.so."""
    source = os.path.join(env_path("SOURCE_DIR"), "examples", "hello_module")
    cmake = os.environ.get("CMAKE_COMMAND") or "cmake"
    configure = [cmake, "-S", source, "-B", binary_dir]
    if os.environ.get("CMAKE_GENERATOR"):
        configure += ["-G", os.environ["CMAKE_GENERATOR"]]
    for var in ("CMAKE_MAKE_PROGRAM", "CMAKE_CXX_COMPILER"):
        if os.environ.get(var):
            configure.append(f"-D{var}={os.environ[var]}")
    configure += list(cmake_args)
    for cmd in (configure, [cmake, "--build", binary_dir]):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors="replace", timeout=timeout)
        if p.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout[-4000:]}")
    for root, _dirs, files in os.walk(binary_dir):
        if "hello.so" in files:
            return os.path.join(root, "hello.so")
    raise AssertionError(f"the build in {binary_dir} produced no hello.so")


if __name__ == "__main__":
    sys.exit("helper module; run test_*.py")
