// content stage: implementation in progress.
