package cz.edeposit.amqp.daemon;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, so {@code --version} never disagrees with the build. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"edeposit-amqp " + (version == null ? "development build" : version)};
    }
}
