// layout stage: implementation in progress.
