package workbench

import (
	"context"
	"io/fs"
	"maps"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// snapshot is the state of a folder's .go files: path -> size and time of
// the last change. Two snapshots differ when a file was saved, created,
// renamed or deleted.
type snapshot map[string]fileState

type fileState struct {
	size    int64
	modTime time.Time
}

func takeSnapshot(dir string) snapshot {
	snap := snapshot{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil // a file removed while we walk: the next snapshot sees it
		}
		if info, err := d.Info(); err == nil {
			snap[path] = fileState{info.Size(), info.ModTime()}
		}
		return nil
	})
	return snap
}

func (s snapshot) equal(t snapshot) bool { return maps.Equal(s, t) }

// saves reports on the returned channel, soon after a .go file under dir is
// saved, that one may have been: fsnotify's events when the system sends
// them, and a look at every file each poll interval for where it does not
// (WSL on a Windows drive, network folders). The caller compares snapshots:
// a report is only a reason to look. With pollOnly, no events are used.
func saves(ctx context.Context, dir string, poll time.Duration, pollOnly bool) <-chan struct{} {
	pokes := make(chan struct{}, 1)
	poke := func() {
		select {
		case pokes <- struct{}{}:
		default: // one report pending is enough
		}
	}
	var events chan fsnotify.Event
	var errs chan error
	watcher, err := fsnotify.NewWatcher()
	if err == nil && !pollOnly {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				watcher.Add(path) // where it fails, polling still sees the saves
			}
			return nil
		})
		events, errs = watcher.Events, watcher.Errors
	}
	go func() {
		if watcher != nil {
			defer watcher.Close()
		}
		ticker := time.NewTicker(poll)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					events = nil
					continue
				}
				if strings.HasSuffix(ev.Name, ".go") {
					// Editors write a file in steps (a temporary file,
					// then a rename): look once they are done.
					time.Sleep(50 * time.Millisecond)
					poke()
				}
			case _, ok := <-errs:
				if !ok {
					errs = nil
				}
			case <-ticker.C:
				poke()
			}
		}
	}()
	return pokes
}
