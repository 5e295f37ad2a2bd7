/*
 * The stress run's wrapper around a correct process target (scripts/stress-process-target.ts):
 * it starts PROGRAM, passes each request line to it and its one reply line back, unchanged
 * and in order, but holds back a NEAR fraction of the flow replies for NEAR_MIN..NEAR_MAX ms
 * (an answer near the harness's flow timeout, as a correct program under load gives) and a
 * LATE fraction for LATE_MIN..LATE_MAX ms (an answer just past it).
 *
 *   stress-delay-relay NEAR NEAR_MIN NEAR_MAX LATE LATE_MIN LATE_MAX SEED PROGRAM [ARGS...]
 *
 * It ends when its input ends (or PROGRAM's output does), with PROGRAM's exit status.
 * PROGRAM stays in the relay's process group, so the harness's group kill ends both.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_state;

static double next_unit(void)
{
	/* xorshift64*: plenty for choosing which replies to hold back. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static void sleep_ms(double ms)
{
	struct timespec t = { (time_t)(ms / 1000), (long)((ms - 1000 * (long)(ms / 1000)) * 1e6) };
	while (nanosleep(&t, &t) != 0) {
	}
}

int main(int argc, char **argv)
{
	if (argc < 9) {
		fprintf(stderr, "usage: %s NEAR NEAR_MIN NEAR_MAX LATE LATE_MIN LATE_MAX SEED PROGRAM [ARGS...]\n",
			argv[0]);
		return 2;
	}
	double near = atof(argv[1]), near_min = atof(argv[2]), near_max = atof(argv[3]);
	double late = atof(argv[4]), late_min = atof(argv[5]), late_max = atof(argv[6]);
	rng_state = (uint64_t)strtoull(argv[7], NULL, 10) * 0x9e3779b97f4a7c15ULL ^ (uint64_t)getpid();
	if (rng_state == 0) rng_state = 1;

	int to_child[2], from_child[2];
	if (pipe(to_child) != 0 || pipe(from_child) != 0) {
		perror("pipe");
		return 1;
	}
	pid_t child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		dup2(to_child[0], 0);
		dup2(from_child[1], 1);
		close(to_child[0]);
		close(to_child[1]);
		close(from_child[0]);
		close(from_child[1]);
		execvp(argv[8], argv + 8);
		perror("exec");
		_exit(127);
	}
	close(to_child[0]);
	close(from_child[1]);
	FILE *to = fdopen(to_child[1], "w");
	FILE *from = fdopen(from_child[0], "r");

	char *request = NULL, *reply = NULL;
	size_t request_cap = 0, reply_cap = 0;
	ssize_t n;
	while ((n = getline(&request, &request_cap, stdin)) > 0) {
		if (fwrite(request, 1, (size_t)n, to) != (size_t)n || fflush(to) != 0) break;
		ssize_t m = getline(&reply, &reply_cap, from);
		if (m <= 0) break;
		if (strstr(request, "\"op\":\"flow\"")) {
			double pick = next_unit();
			if (pick < near)
				sleep_ms(near_min + (near_max - near_min) * next_unit());
			else if (pick < near + late)
				sleep_ms(late_min + (late_max - late_min) * next_unit());
		}
		if (fwrite(reply, 1, (size_t)m, stdout) != (size_t)m || fflush(stdout) != 0) break;
	}
	fclose(to);
	int status = 0;
	waitpid(child, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
