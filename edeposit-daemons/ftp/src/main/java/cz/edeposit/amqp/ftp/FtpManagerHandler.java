package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.ftp.FtpManagerMessages.AddUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ChangePassword;
import cz.edeposit.amqp.ftp.FtpManagerMessages.GetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ListRegisteredUsers;
import cz.edeposit.amqp.ftp.FtpManagerMessages.RemoveUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.SetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.UserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.Userlist;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;

/** Answers the six user-management requests of the ftp host (docs/ftp.md, "Messages"). */
final class FtpManagerHandler implements RpcHandler {

    private final FtpManagerUsers users;

    FtpManagerHandler(FtpManagerUsers users) {
        this.users = users;
    }

    /** The daemon's handler factory: checks root, reads ftp.json and prepares LOGIN_FILE and DATA_PATH. */
    static FtpManagerHandler create(DaemonEnvironment environment) {
        FtpPrivileges.MANAGER.require();
        return new FtpManagerHandler(FtpManagerSetup.prepare(environment));
    }

    @Override
    public Object handle(Object request, RpcContext context) {
        if (request instanceof AddUser add) {
            users.add(add.username(), add.password());
            return true;
        }
        if (request instanceof RemoveUser remove) {
            users.remove(remove.username());
            return true;
        }
        if (request instanceof ChangePassword change) {
            users.changePassword(change.username(), change.newPassword());
            return true;
        }
        if (request instanceof ListRegisteredUsers) {
            return new Userlist(users.list());
        }
        if (request instanceof SetUserSettings set) {
            return UserSettings.of(set.username(), users.setSettings(set));
        }
        if (request instanceof GetUserSettings get) {
            return UserSettings.of(get.username(), users.settings(get.username()));
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.name(request) + "'!");
    }
}
