package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.ftp.FtpManagerMessages.AddUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ChangePassword;
import cz.edeposit.amqp.ftp.FtpManagerMessages.GetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ListRegisteredUsers;
import cz.edeposit.amqp.ftp.FtpManagerMessages.RemoveUser;
import cz.edeposit.amqp.testing.RecordingContext;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints figures for docs/ftp.md and docs/performance.md (not a test): the handler's latency for AddUser,
 * ChangePassword, RemoveUser, GetUserSettings and ListRegisteredUsers with 10 000 accounts in the passwd file, on the real file system
 * (lock, read, parse, hash, temporary file, fsync, rename, home). Run as root with {@code scripts/bench-ftp-manager}.
 */
public final class FtpManagerBenchmark {

    private FtpManagerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (FtpTestSetup setup = new FtpTestSetup("ftp-manager-bench")) {
            FtpManagerHandler handler = setup.handler();
            StringBuilder passwd = new StringBuilder();
            String hash = FtpPasswords.hash("Heslo-123");
            for (int i = 0; i < accounts; i++) {
                passwd.append("existing-").append(i).append(':').append(hash).append(":2000:2000:ttttt:")
                        .append(setup.data.resolve("existing-" + i)).append(":/bin/false\n");
            }
            Files.writeString(setup.loginFile, passwd);
            System.out.printf(Locale.ROOT, "%d accounts, passwd file %d bytes, %d rounds, load average %s%n", accounts,
                    Files.size(setup.loginFile), rounds, loadAverage());
            for (int warmUp = 0; warmUp < 50; warmUp++) {
                round(handler, "warm-" + warmUp, new double[5][1], 0);
            }
            double[][] millis = new double[5][rounds];
            for (int i = 0; i < rounds; i++) {
                round(handler, "bench-" + i, millis, i);
            }
            String[] names = {"AddUser", "ChangePassword", "GetUserSettings", "ListRegisteredUsers", "RemoveUser"};
            for (int op = 0; op < names.length; op++) {
                double[] sorted = millis[op].clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "%-19s median %6.1f ms   p90 %6.1f ms   max %6.1f ms%n", names[op],
                        sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1]);
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        }
    }

    private static void round(FtpManagerHandler handler, String name, double[][] millis, int i) throws Exception {
        List<Object> requests = new ArrayList<>(List.of(new AddUser(name, "Heslo-123"), new ChangePassword(name, "Heslo-456"),
                new GetUserSettings(name), new ListRegisteredUsers(), new RemoveUser(name)));
        for (int op = 0; op < requests.size(); op++) {
            long start = System.nanoTime();
            handler.handle(requests.get(op), new RecordingContext());
            millis[op][i] = (System.nanoTime() - start) / 1e6;
        }
    }

    private static String loadAverage() throws Exception {
        return Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    }
}
