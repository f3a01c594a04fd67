// The start-up floor for bench/startup.sh: a program that loads the same shared libraries as
// `openness` (the script links it against each library openness NEEDs, --no-as-needed) and does
// nothing else.
int main() {
    return 0;
}
