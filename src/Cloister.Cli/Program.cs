using Cloister.Cli;

// Entry point of the `cloister` command: picks a sub-command and turns every
// user error into a one-line message and a non-zero exit code.
return CommandTable.Dispatch(args);
