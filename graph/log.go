package graph

import (
	"fmt"

	"github.com/rs/zerolog"
)

// driverLog adapts zerolog to the driver's 4-method log.Logger. The driver
// reports every error it meets, retried ones included, so its errors log at
// debug: the caller reports what failed, once.
type driverLog struct{ log zerolog.Logger }

func (l driverLog) Error(name, id string, err error) {
	l.log.Debug().Str("component", name).Str("conn", id).Err(err).Msg("driver")
}

func (l driverLog) Warnf(name, id, msg string, args ...any) {
	l.log.Warn().Str("component", name).Str("conn", id).Msg(fmt.Sprintf(msg, args...))
}

func (l driverLog) Infof(name, id, msg string, args ...any) {
	l.log.Debug().Str("component", name).Str("conn", id).Msg(fmt.Sprintf(msg, args...))
}

func (l driverLog) Debugf(name, id, msg string, args ...any) {
	l.log.Trace().Str("component", name).Str("conn", id).Msg(fmt.Sprintf(msg, args...))
}
