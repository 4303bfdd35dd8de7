/* replay.c — a main() for the fuzz targets without libFuzzer. Each file named
 * on the command line, or each file of each directory named, is given once to
 * the target's LLVMFuzzerTestOneInput. `make unit` (so `make check`) builds
 * every target with gcc under ASan + UBSan and replays its seed corpus: a
 * target that no longer compiles, or a seed that now crashes or breaks an
 * invariant the target checks, fails the quick suite. `make fuzz` explores. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The seeds are small; a larger file is a mistake in the corpus. */
#define SEED_MAX (4u << 20)

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data;
	size_t n;

	if (!f) {
		perror(path);
		return -1;
	}
	data = malloc(SEED_MAX);
	if (!data) {
		fclose(f);
		return -1;
	}
	n = fread(data, 1, SEED_MAX, f);
	fclose(f);
	/* libFuzzer hands over a buffer of exactly size bytes: so do we, so that
	 * ASan sees a read past the end. */
	{
		uint8_t *exact = malloc(n ? n : 1);

		if (!exact) {
			free(data);
			return -1;
		}
		memcpy(exact, data, n);
		free(data);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order; the number replayed or -1. */
static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int count = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? 2 * cap : 16) * sizeof(*names));

			if (!grown)
				break;
			names = grown;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		char path[4096];
		struct stat sb;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!stat(path, &sb) && S_ISREG(sb.st_mode)) {
			if (replay_file(path))
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	int i, total = 0;

	for (i = 1; i < argc; i++) {
		struct stat sb;
		int n;

		if (stat(argv[i], &sb)) {
			perror(argv[i]);
			return 1;
		}
		n = S_ISDIR(sb.st_mode) ? replay_dir(argv[i]) : replay_file(argv[i]) ? -1 : 1;
		if (n < 0)
			return 1;
		total += n;
	}
	printf("%s: %d seed%s replayed\n", argv[0], total, total == 1 ? "" : "s");
	return 0;
}
