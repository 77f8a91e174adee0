/*
 * SPIR-V smoke test for an OpenCL runtime (used by scripts/pocl/install.sh).
 *
 *   vadd <vadd.spv> [globals.spv]
 *
 * Loads vadd.spv with clCreateProgramWithIL, runs kernel "vadd" on 1024
 * floats and compares with the host result (exit 1 on any mismatch).
 * If globals.spv is given, also builds a module with a program-scope global
 * variable written by kernel "gset" and read by kernel "gget"; its outcome is
 * reported on the "globals:" line and only fails the run with GLOBALS_STRICT=1.
 * (PoCL 3.1 builds such a module, but each kernel gets its own copy of the
 * variable, so the cross-kernel read fails; it also reports
 * CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE = 0.)
 */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(expr)                                                        \
  do {                                                                     \
    cl_int err_ = (expr);                                                  \
    if (err_ != CL_SUCCESS) {                                              \
      fprintf(stderr, "%s:%d: %s -> %d\n", __FILE__, __LINE__, #expr, err_); \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(1);
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc((size_t)n);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static void print_build_log(cl_program prog, cl_device_id dev) {
  size_t n = 0;
  if (clGetProgramBuildInfo(prog, dev, CL_PROGRAM_BUILD_LOG, 0, NULL, &n) != CL_SUCCESS || n <= 1)
    return;
  char *log = malloc(n);
  if (clGetProgramBuildInfo(prog, dev, CL_PROGRAM_BUILD_LOG, n, log, NULL) == CL_SUCCESS)
    fprintf(stderr, "build log:\n%s\n", log);
  free(log);
}

/* Returns 0 on success, or a short description of the failure. */
static const char *run_globals(cl_context ctx, cl_device_id dev, cl_command_queue q,
                               const char *path, cl_long *got) {
  static char why[256];
  size_t len;
  unsigned char *il = read_file(path, &len);
  cl_int err;
  cl_program prog = clCreateProgramWithIL(ctx, il, len, &err);
  free(il);
  if (err != CL_SUCCESS) {
    snprintf(why, sizeof why, "clCreateProgramWithIL -> %d", err);
    return why;
  }
  err = clBuildProgram(prog, 1, &dev, "", NULL, NULL);
  if (err != CL_SUCCESS) {
    print_build_log(prog, dev);
    clReleaseProgram(prog);
    snprintf(why, sizeof why, "clBuildProgram -> %d", err);
    return why;
  }
  cl_kernel kset = clCreateKernel(prog, "gset", &err);
  if (err != CL_SUCCESS) {
    snprintf(why, sizeof why, "clCreateKernel(gset) -> %d", err);
    return why;
  }
  cl_kernel kget = clCreateKernel(prog, "gget", &err);
  if (err != CL_SUCCESS) {
    snprintf(why, sizeof why, "clCreateKernel(gget) -> %d", err);
    return why;
  }
  cl_mem out = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof(cl_long), NULL, &err);
  CHECK(err);
  cl_long v = 42;
  CHECK(clSetKernelArg(kset, 0, sizeof v, &v));
  CHECK(clSetKernelArg(kget, 0, sizeof out, &out));
  size_t one = 1;
  CHECK(clEnqueueNDRangeKernel(q, kset, 1, NULL, &one, NULL, 0, NULL, NULL));
  CHECK(clEnqueueNDRangeKernel(q, kget, 1, NULL, &one, NULL, 0, NULL, NULL));
  CHECK(clEnqueueReadBuffer(q, out, CL_TRUE, 0, sizeof *got, got, 0, NULL, NULL));
  clReleaseMemObject(out);
  clReleaseKernel(kset);
  clReleaseKernel(kget);
  clReleaseProgram(prog);
  if (*got != 42 + 1) {
    snprintf(why, sizeof why,
             "module builds, but gget read g+1=%lld after gset(42), expected 43: "
             "kernels do not share the program-scope variable", (long long)*got);
    return why;
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s vadd.spv [globals.spv]\n", argv[0]);
    return 2;
  }
  cl_platform_id plat;
  cl_uint nplat = 0;
  CHECK(clGetPlatformIDs(1, &plat, &nplat));
  cl_device_id dev;
  CHECK(clGetDeviceIDs(plat, CL_DEVICE_TYPE_ALL, 1, &dev, NULL));

  char name[256] = {0}, ver[256] = {0}, il_ver[256] = {0};
  CHECK(clGetDeviceInfo(dev, CL_DEVICE_NAME, sizeof name - 1, name, NULL));
  CHECK(clGetDeviceInfo(dev, CL_DEVICE_VERSION, sizeof ver - 1, ver, NULL));
  CHECK(clGetDeviceInfo(dev, CL_DEVICE_IL_VERSION, sizeof il_ver - 1, il_ver, NULL));
  size_t max_gvar = 0;
  cl_int gerr = clGetDeviceInfo(dev, CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE, sizeof max_gvar,
                                &max_gvar, NULL);
  printf("device: %s (%s)\n", name, ver);
  printf("il_version: %s\n", il_ver);
  if (gerr == CL_SUCCESS)
    printf("max_global_variable_size: %zu\n", max_gvar);
  else
    printf("max_global_variable_size: query failed (%d)\n", gerr);

  cl_int err;
  cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
  CHECK(err);
  cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
  CHECK(err);

  /* --- vadd --- */
  size_t len;
  unsigned char *il = read_file(argv[1], &len);
  cl_program prog = clCreateProgramWithIL(ctx, il, len, &err);
  CHECK(err);
  free(il);
  err = clBuildProgram(prog, 1, &dev, "", NULL, NULL);
  if (err != CL_SUCCESS) {
    print_build_log(prog, dev);
    CHECK(err);
  }
  cl_kernel k = clCreateKernel(prog, "vadd", &err);
  CHECK(err);

  enum { N = 1024 };
  static float a[N], b[N], c[N];
  for (int i = 0; i < N; i++) {
    a[i] = (float)i * 0.5f;
    b[i] = (float)(N - i) * 2.0f;
    c[i] = -1.0f;
  }
  cl_mem da = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof a, a, &err);
  CHECK(err);
  cl_mem db = clCreateBuffer(ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof b, b, &err);
  CHECK(err);
  cl_mem dc = clCreateBuffer(ctx, CL_MEM_WRITE_ONLY, sizeof c, NULL, &err);
  CHECK(err);
  cl_int n = N;
  CHECK(clSetKernelArg(k, 0, sizeof da, &da));
  CHECK(clSetKernelArg(k, 1, sizeof db, &db));
  CHECK(clSetKernelArg(k, 2, sizeof dc, &dc));
  CHECK(clSetKernelArg(k, 3, sizeof n, &n));
  size_t gsz = N;
  CHECK(clEnqueueNDRangeKernel(q, k, 1, NULL, &gsz, NULL, 0, NULL, NULL));
  CHECK(clEnqueueReadBuffer(q, dc, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
  int bad = 0;
  for (int i = 0; i < N; i++) {
    if (c[i] != a[i] + b[i]) {
      if (bad < 5)
        fprintf(stderr, "mismatch at %d: got %f want %f\n", i, c[i], a[i] + b[i]);
      bad++;
    }
  }
  printf("vadd: %s (%d/%d correct)\n", bad ? "FAIL" : "OK", N - bad, N);
  clReleaseMemObject(da);
  clReleaseMemObject(db);
  clReleaseMemObject(dc);
  clReleaseKernel(k);
  clReleaseProgram(prog);

  /* --- program-scope global variable (informational unless strict) --- */
  int gbad = 0;
  if (argc > 2) {
    cl_long got = 0;
    const char *why = run_globals(ctx, dev, q, argv[2], &got);
    if (why) {
      printf("globals: FAIL (%s)\n", why);
      const char *strict = getenv("GLOBALS_STRICT");
      gbad = strict && strcmp(strict, "1") == 0;
    } else {
      printf("globals: OK (gset(42) then gget read %lld)\n", (long long)got);
    }
  }

  clReleaseCommandQueue(q);
  clReleaseContext(ctx);
  return (bad || gbad) ? 1 : 0;
}
