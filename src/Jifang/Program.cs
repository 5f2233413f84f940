using Jifang.Cli;

return JifangCli.Run(args, CliConsole.System());
