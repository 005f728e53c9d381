// takehome command line (in progress).
int main() { return 0; }
