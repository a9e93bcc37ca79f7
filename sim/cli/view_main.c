/* rpsim-view: the trace viewer as a program of its own (see
 * view_exec.c), run by `rpsim view` with the command's arguments. */
#include "sim/cli/cli.h"

int main(int argc, char **argv)
{
	return cmd_view_main(argc, argv);
}
