// Command hello is the example goship releases: it prints the version, commit and date that
// goship stamps into it at link time.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
)

// Set by the linker: goship passes -X main.version=… -X main.commit=… -X main.date=….
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

func main() {
	showVersion := flag.Bool("version", false, "print version information and exit")
	flag.Parse()
	if *showVersion {
		fmt.Printf("hello %s\ncommit: %s\ndate: %s\n", version, commit, date)
		if info, ok := debug.ReadBuildInfo(); ok {
			fmt.Printf("go: %s\n", info.GoVersion)
		}
		os.Exit(0)
	}
	name := "world"
	if flag.NArg() > 0 {
		name = flag.Arg(0)
	}
	fmt.Printf("hello, %s\n", name)
}
