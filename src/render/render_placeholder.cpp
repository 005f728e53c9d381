// render stage: implementation in progress.
